/**
 * How long after a publish (or rollback) every page shows the new version, in seconds. Each Worker isolate keeps the
 * live ruleset in memory, re-checks it in the background, and never serves a version checked longer ago than
 * LIVE_MAX_STALE_MS (5 s, edge/src/rules/published-ruleset.ts) without asking the store first. The test reads the
 * edge's constant so this stays true.
 */
export const PUBLISH_REACHES_PAGES_S = 5;

/** The toast after a publish: what is true (not "live now" while pages still serve the previous version). */
export function publishedText(version: number): string {
  return `Published version ${version}: pages show it within about ${PUBLISH_REACHES_PAGES_S} seconds.`;
}

/** The toast after a rollback, with the same bound. */
export function rolledBackText(to: number, version: number): string {
  return `Rolled back to version ${to}: live is now version ${version}; pages show it within about ${PUBLISH_REACHES_PAGES_S} seconds.`;
}
