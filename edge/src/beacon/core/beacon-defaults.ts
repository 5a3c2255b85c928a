/** Default thresholds of the behaviour signals; a site overrides them through manifest.config (BeaconConfig). */
export const BEACON_DEFAULTS = {
  rageClicks: 3,
  rageWindowMs: 700,
  rageRadiusPx: 30,
  hesitationMs: 20_000,
  backAndForthCount: 3,
  formErrorCount: 2,
  scrollThrashCount: 4,
  scrollThrashWindowMs: 2_000,
  flushMs: 1_000,
};
export type BeaconSettings = typeof BEACON_DEFAULTS;

/** Defaults overlaid with the finite numbers of a (possibly malformed) config object. */
export function beaconSettings(config: unknown): BeaconSettings {
  const out = { ...BEACON_DEFAULTS };
  for (const key of Object.keys(out) as (keyof BeaconSettings)[]) {
    const v = Object(config)[key];
    if (typeof v === "number" && v > 0 && v < 1e7) out[key] = v;
  }
  return out;
}
