import type { ActionPageResult, JourneyTrace, PageMatches } from "../schemas/decision.ts";

/**
 * The trace with what each applied page action did on the page (ActionTrace.page), from the counts the edge left at
 * the end of a previewed page. Actions the page did not report (nudges, redirects, or a page that never went through
 * the edge) keep no `page`: decided, not measured.
 */
export function withPageMatches(trace: readonly JourneyTrace[], matches: PageMatches): JourneyTrace[] {
  return trace.map((t) => {
    const counts = Object.hasOwn(matches, t.journey) ? matches[t.journey] : undefined;
    if (!counts) return t;
    return {
      ...t,
      actions: t.actions.map((a) =>
        a.status === "applied" && Object.hasOwn(counts, a.id) ? { ...a, page: pageResult(counts[a.id]) } : a,
      ),
    };
  });
}

/** `{ matched: n }`, or "no_match" for 0. */
export function pageResult(matched: number): ActionPageResult {
  return matched > 0 ? { matched } : "no_match";
}

/** "matched 3 elements", "matched 1 element" or "no match": how the Why views say it. */
export function pageResultText(page: ActionPageResult): string {
  return page === "no_match" ? "no match" : `matched ${page.matched} element${page.matched === 1 ? "" : "s"}`;
}
