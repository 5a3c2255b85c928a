import type { StatsResponse } from "@waymark/shared";

/** The list's live figures for a journey: visitors in a non-exit stage now, and the period's totals. */
export function liveCounts(stats: StatsResponse, exitStages: ReadonlySet<string>) {
  let inJourney = 0;
  let entries = 0;
  let exposures = 0;
  let conversions = 0;
  for (const [id, s] of Object.entries(stats.stages)) {
    if (!exitStages.has(id)) inJourney += Math.max(0, s.current);
    exposures += s.exposures;
  }
  for (const b of Object.values(stats.branches)) {
    entries += b.visitors;
    conversions += b.conversions;
  }
  return { inJourney, entries, exposures, conversions };
}
