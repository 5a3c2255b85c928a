import { BeaconConfig } from "@waymark/shared";

let cached: { raw: string; config: BeaconConfig } | null = null;

/**
 * The beacon's signal thresholds for this site, from the BEACON_CONFIG var (JSON, e.g. {"rageClicks": 4}).
 * Parsed once per isolate; an invalid value falls back to the beacon's defaults (and says why once in the log)
 * rather than breaking pages.
 */
export function beaconConfig(env: { BEACON_CONFIG?: string }): BeaconConfig {
  const raw = env.BEACON_CONFIG ?? "";
  if (cached?.raw === raw) return cached.config;
  let config: BeaconConfig = {};
  if (raw.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = BeaconConfig.safeParse(json);
    if (parsed.success) config = parsed.data;
    else
      console.warn(
        "waymark: BEACON_CONFIG ignored:",
        parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
      );
  }
  cached = { raw, config };
  return config;
}
