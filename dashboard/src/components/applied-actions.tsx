import { escapeHtml, type AppliedAction } from "@waymark/shared";
import { frameDocument } from "../lib/preview-html.ts";

const describe = (a: AppliedAction["action"]): string => {
  switch (a.type) {
    case "insert":
      return `${a.position} ${a.selector}`;
    case "replace":
    case "set_attribute":
    case "remove":
    case "hide":
      return a.selector;
    case "style":
      return `${a.selector} { ${a.css} }`;
    case "redirect":
      return `to ${a.url}`;
    case "nudge":
      return a.placement;
    case "offer":
      return `${a.position} ${a.selector}`;
  }
};

/** What the visitor gets: each applied action with its rendered HTML, shown in a sandboxed frame. */
export function AppliedActions({
  actions,
  redirect,
}: {
  actions: readonly AppliedAction[];
  redirect: { url: string; status: number } | null;
}) {
  if (!actions.length && !redirect) return <p class="nothing">Nothing: the page is served as the site sent it.</p>;
  return (
    <ul class="applied">
      {redirect && (
        <li class="applied-action">
          <strong>Redirect</strong> {redirect.status} to <code>{redirect.url}</code>
        </li>
      )}
      {actions.map((a) => {
        const html = "html" in a.action && typeof a.action.html === "string" ? a.action.html : null;
        return (
          <li
            key={`${a.journey}/${a.actionId}`}
            class="applied-action"
            data-journey={a.journey}
            data-action={a.actionId}
          >
            <div>
              <strong>{a.action.type}</strong> <span class="muted">{describe(a.action)}</span> – {a.journey} / {a.stage}{" "}
              / {a.branch} <span class="mono small">({a.actionId})</span>
            </div>
            {html !== null && (
              <iframe
                class="applied-preview"
                title={`${a.journey} ${a.actionId} as the visitor sees it`}
                sandbox=""
                srcdoc={frameDocument(
                  html,
                  a.action.type === "nudge" ? "nudge" : "page",
                  a.action.type === "nudge" && a.action.title ? escapeHtml(a.action.title) : undefined,
                )}
              />
            )}
            {"text" in a.action && typeof a.action.text === "string" && <p class="mono small">text: {a.action.text}</p>}
          </li>
        );
      })}
    </ul>
  );
}
