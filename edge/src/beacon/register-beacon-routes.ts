import type { WaymarkRouter } from "../http/route-request.ts";
import { BEACON_HASH, BEACON_JS, NUDGES_HASH, NUDGES_JS } from "./beacon.gen.ts";
import { beaconResponse } from "./beacon-response.ts";

/**
 * GET /__waymark/beacon.js: the beacon script; GET /__waymark/nudges.js: the nudge module the beacon imports on the
 * first nudge of a page (both built by edge/scripts/build-beacon.mjs, immutable per ?v= hash).
 */
export function registerBeaconRoutes(router: WaymarkRouter): void {
  for (const [path, js, hash] of [
    ["/__waymark/beacon.js", BEACON_JS, BEACON_HASH],
    ["/__waymark/nudges.js", NUDGES_JS, NUDGES_HASH],
  ]) {
    router.get(path, (request) => beaconResponse(request, js, hash));
    router.head(path, (request) => beaconResponse(request, js, hash));
  }
}
