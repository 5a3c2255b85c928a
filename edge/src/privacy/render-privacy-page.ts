import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import { PRIVACY_COPY, type PrivacyChoice, type PrivacyLanguage } from "./privacy-copy.ts";

/** What the page can say about this browser. */
export type PrivacyStatus =
  | { kind: "optout" | "anonymous" | "nothing" | "unavailable" }
  | { kind: "stored"; events: number; journeys: number; linked: boolean };

/** Where the forms post: one endpoint, the choice in a `do` field (a form cannot send DELETE). */
export const PRIVACY_FORM_PATH = "/__waymark/privacy";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}form{margin:1rem 0}
button{font:inherit;padding:.5rem 1rem;border:2px solid #1a1a1a;border-radius:4px;background:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.hint{margin:.25rem 0 0;color:#444}.done{padding:.75rem 1rem;border-left:4px solid #15803d;background:#f0fdf4}`;

/**
 * The visitor's privacy page: what is stored, and opt out / opt in / erase as plain forms (no script needed).
 * Every text is the page's own copy; nothing from the request is rendered except through escapeHtml.
 */
export function renderPrivacyPage(input: {
  lang: PrivacyLanguage;
  status: PrivacyStatus;
  done: PrivacyChoice | null;
}): string {
  const t = PRIVACY_COPY[input.lang];
  const s = input.status;
  const storedText =
    s.kind === "stored"
      ? t.stored(s.events, s.journeys) + (s.linked ? ` ${t.linked}` : "")
      : s.kind === "optout"
        ? t.optedOut
        : s.kind === "anonymous"
          ? t.anonymous
          : s.kind === "unavailable"
            ? t.unavailable
            : t.nothing;
  const form = (choice: PrivacyChoice, label: string, hint: string) =>
    `<form method="post" action="${PRIVACY_FORM_PATH}"><input type="hidden" name="do" value="${choice}">` +
    `<button type="submit" aria-describedby="hint-${choice}">${escapeHtml(label)}</button>` +
    `<p class="hint" id="hint-${choice}">${escapeHtml(hint)}</p></form>`;
  const choices =
    s.kind === "optout"
      ? form("opt-in", t.optIn, t.optInHint)
      : form("opt-out", t.optOut, t.optOutHint) + (s.kind === "stored" ? form("erase", t.erase, t.eraseHint) : "");
  return (
    `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head><body><main>` +
    `<h1>${escapeHtml(t.title)}</h1>` +
    (input.done ? `<p class="done" role="status">${escapeHtml(t.done[input.done])}</p>` : "") +
    `<p>${escapeHtml(t.intro)}</p>` +
    `<h2>${escapeHtml(t.storedHeading)}</h2><p data-status="${s.kind}">${escapeHtml(storedText)}</p>` +
    `<h2>${escapeHtml(t.choicesHeading)}</h2>${choices}` +
    `<p><a href="/">${escapeHtml(t.back)}</a></p></main></body></html>`
  );
}
