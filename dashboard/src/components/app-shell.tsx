import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { href } from "../paths.ts";
import { clearStaleNotice, signOut } from "../state.ts";
import { NoticeBar } from "./notice-bar.tsx";

const NAV = [
  { path: "", label: "Journeys", match: (p: string) => p === "" || p.startsWith("journeys") },
  { path: "simulator", label: "Simulator", match: (p: string) => p.startsWith("simulator") },
  { path: "publish", label: "Publish & versions", match: (p: string) => p.startsWith("publish") },
  { path: "audit", label: "Audit log", match: (p: string) => p.startsWith("audit") },
  { path: "visitors", label: "Visitors", match: (p: string) => p.startsWith("visitors") },
];

/** Skip link, header with navigation and sign-out, the notice line, and the page in <main>. */
export function AppShell({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const rel = path.slice(href().length - 1).replace(/^\/+/, "");
  const main = useRef<HTMLElement>(null);
  // After client-side navigation, move focus to the page so keyboard and screen-reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    clearStaleNotice(location.pathname);
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href()}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              d="M4 18 L10 8 L14 14 L20 5"
              fill="none"
              stroke="currentColor"
              stroke-width="2.4"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
            <circle cx="20" cy="5" r="2.2" fill="currentColor" />
          </svg>
          Waymark
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.path}>
                <a href={href(n.path)} aria-current={n.match(rel) ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="btn ghost small signout" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <NoticeBar />
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
