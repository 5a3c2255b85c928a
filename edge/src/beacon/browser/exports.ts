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
  const dl = config && (config.dataLayer === true || (config.dataLayer as { exposures?: unknown })?.exposures === true);
  return (list: Exposure[], route?: boolean) => {
    const w = window as Win;
    if (route) seen.length = 0;
    for (const { journey, stage, branch } of list) {
      const key = `${journey} ${stage} ${branch}`;
      if (!config || seen.includes(key)) continue;
      seen.push(key);
      if (dl)
        (w.dataLayer ||= []).push({
          event: "waymark_exposure",
          waymark_journey: journey,
          waymark_stage: stage,
          waymark_branch: branch,
        });
      if (config.segment === true) w.analytics?.track?.("Waymark Exposure", { journey, stage, branch });
    }
  };
}
