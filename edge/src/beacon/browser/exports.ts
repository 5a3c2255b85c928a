/** An exposure as the manifest carries it, or an action shown later (its journey, stage and branch). */
type Exposure = { journey: string; stage: string; branch: string };
type Win = {
  dataLayer?: unknown[];
  analytics?: { track?: (name: string, props: Record<string, string>) => void };
};

/**
 * Exports of exposures for teams that analyse elsewhere, each switched on in BEACON_CONFIG (off by default): GA4 /
 * GTM's `window.dataLayer` gets `{ event: "waymark_exposure", waymark_journey, waymark_stage, waymark_branch }`,
 * Segment's `analytics.track("Waymark Exposure", { journey, stage, branch })` when analytics is on the page. Each
 * exposure once per page, and once per route of a single-page app: pass `route: true` with a new route's exposures
 * (before its nudges are shown) to start counting afresh.
 */
export function createExports(config: { dataLayer?: unknown; segment?: unknown } | undefined) {
  const seen: string[] = [];
  return (list: Exposure[], route?: boolean) => {
    const w = window as Win;
    if (route) seen.length = 0;
    for (const x of list) {
      const key = `${x.journey} ${x.stage} ${x.branch}`;
      if (!config || seen.includes(key)) continue;
      seen.push(key);
      const props = { journey: x.journey, stage: x.stage, branch: x.branch };
      if (config.dataLayer === true)
        (w.dataLayer = w.dataLayer || []).push({
          event: "waymark_exposure",
          waymark_journey: props.journey,
          waymark_stage: props.stage,
          waymark_branch: props.branch,
        });
      if (config.segment === true && w.analytics && typeof w.analytics.track === "function")
        w.analytics.track("Waymark Exposure", props);
    }
  };
}
