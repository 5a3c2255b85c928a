import type { AppliedAction, PageMatches, SelectorTestResult } from "@waymark/shared";

/**
 * What each applied page action's selector matches on the site's real page at `path` (one POST /selector-test per
 * selector), for the simulator's trace: the simulator decides in the browser, so only the edge can tell whether
 * "applied" touched anything. Counted on the origin's page as served (before other actions change it); a page that
 * could not be read leaves its actions unmeasured rather than "no_match".
 */
export async function measurePageMatches(
  actions: readonly AppliedAction[],
  path: string,
  test: (req: { url: string; selector: string }) => Promise<SelectorTestResult>,
): Promise<PageMatches> {
  const out: PageMatches = Object.create(null);
  const bySelector = new Map<string, Promise<SelectorTestResult>>();
  for (const a of actions) {
    if (!("selector" in a.action)) continue;
    const selector = a.action.selector;
    if (!bySelector.has(selector)) bySelector.set(selector, test({ url: path, selector }));
    const r = await bySelector.get(selector)!;
    const count = r.supported ? r.matches : 0;
    if (count === null) continue;
    (out[a.journey] ??= Object.create(null))[a.actionId] = count;
  }
  return out;
}
