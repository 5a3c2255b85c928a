import { PageMatches } from "@waymark/shared/schemas/decision.ts";

/**
 * Runs in the tab (scripting.executeScript, isolated world): the text of the last <script id="__waymark_matches">,
 * which the edge appends at the very end of a previewed page (PAGE_MATCHES_ID; written out here because an injected
 * function cannot import). The last one: an element of the origin's own with that id comes before it.
 */
export function readPageMatchesText(): string | null {
  const all = document.querySelectorAll('script[type="application/json"]#__waymark_matches');
  return all.length ? (all[all.length - 1].textContent ?? null) : null;
}

/** The counts from that text (page data: parsed, never trusted), or null. */
export function parsePageMatches(text: unknown): PageMatches | null {
  if (typeof text !== "string" || text.length > 256_000) return null;
  try {
    const parsed = PageMatches.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
