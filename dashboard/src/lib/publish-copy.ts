/**
 * How long after a publish (or rollback) every page shows the new version, in seconds. Each Worker isolate keeps the
 * live ruleset in memory and re-checks it in the background at most every LIVE_TTL_MS (5 s, edge/src/rules/
 * published-ruleset.ts); the page view that triggers the check is still served the old version, so a page can lag
 * by up to about two TTLs. The test reads the edge's constant so this stays true.
 */
export const PUBLISH_REACHES_PAGES_S = 10;

/** The toast after a publish: what is true (not "live now" while pages still serve the previous version). */
export function publishedText(version: number): string {
  return `Published version ${version}: pages show it within about ${PUBLISH_REACHES_PAGES_S} seconds.`;
}

/** The toast after a rollback, with the same bound. */
export function rolledBackText(to: number, version: number): string {
  return `Rolled back to version ${to}: live is now version ${version}; pages show it within about ${PUBLISH_REACHES_PAGES_S} seconds.`;
}
