import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Capability } from "@waymark/shared";
import { can } from "../access.ts";
import { href } from "../paths.ts";
import { clearStaleNotice, me, signOut } from "../state.ts";
import { NoticeBar } from "./notice-bar.tsx";

/** `needs`: the capability a page is for (GET /whoami); its link is hidden, and the page refused, without it. */
const NAV: { path: string; label: string; match: (p: string) => boolean; needs?: Capability }[] = [
  { path: "", label: "Journeys", match: (p: string) => p === "" || p.startsWith("journeys") },
  { path: "audiences", label: "Audiences", match: (p: string) => p.startsWith("audiences") },
  { path: "program", label: "Program", match: (p: string) => p.startsWith("program") },
  { path: "simulator", label: "Simulator", match: (p: string) => p.startsWith("simulator") },
  { path: "publish", label: "Publish & versions", match: (p: string) => p.startsWith("publish") },
  { path: "audit", label: "Audit log", match: (p: string) => p.startsWith("audit") },
  { path: "visitors", label: "Visitors", match: (p: string) => p.startsWith("visitors"), needs: "visitors" },
];

/** Skip link, header with navigation and sign-out, the notice line, and the page in <main>. */
export function AppShell({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const rel = path.slice(href().length - 1).replace(/^\/+/, "");
  const main = useRef<HTMLElement>(null);
  const refused = NAV.some((n) => n.needs && n.path && n.match(rel) && !can(n.needs));
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
            {NAV.filter((n) => !n.needs || can(n.needs)).map((n) => (
              <li key={n.path}>
                <a href={href(n.path)} aria-current={n.match(rel) ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {me.value && (
          <span class="whoami small" title="The token you signed in with, and its role">
            {me.value.label} · <strong>{me.value.role}</strong>
          </span>
        )}
        <button type="button" class="btn ghost small signout" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <NoticeBar />
      <main id="main" ref={main} tabIndex={-1}>
        {refused ? (
          <div class="page">
            <p class="load-error" role="alert">
              This page is not available to the {me.value?.role} role.
            </p>
          </div>
        ) : (
          children
        )}
      </main>
    </>
  );
}
