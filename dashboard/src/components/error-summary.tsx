import { useEffect, useRef } from "preact/hooks";
import { fieldId } from "../lib/field-key.ts";

/**
 * The list of problems at the top of the form, each a link that moves focus to its field; focused when a
 * save is refused so keyboard and screen-reader users land on it.
 */
export function ErrorSummary(p: {
  items: readonly { key: string; message: string }[];
  focusToken: number;
  title: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (p.focusToken > 0 && p.items.length) ref.current?.focus();
  }, [p.focusToken]);
  if (!p.items.length) return null;
  const go = (e: Event, key: string) => {
    const el = document.getElementById(fieldId(key));
    if (!el) return;
    e.preventDefault();
    el.closest("details")?.setAttribute("open", "");
    el.scrollIntoView({ block: "center" });
    el.focus();
  };
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{p.title}</h2>
      <ul>
        {p.items.map((it, i) => (
          <li key={i}>
            <a href={`#${fieldId(it.key)}`} onClick={(e) => go(e, it.key)}>
              <span class="mono">{it.key || "journey"}</span>: {it.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
