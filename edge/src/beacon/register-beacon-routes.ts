import type { WaymarkRouter } from "../http/route-request.ts";
import { BEACON_HASH, BEACON_JS } from "./beacon.gen.ts";
import { beaconResponse } from "./beacon-response.ts";

/** GET /__waymark/beacon.js: the beacon script (built by edge/scripts/build-beacon.mjs). */
export function registerBeaconRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/beacon.js", (request) => beaconResponse(request, BEACON_JS, BEACON_HASH));
  router.head("/__waymark/beacon.js", (request) => beaconResponse(request, BEACON_JS, BEACON_HASH));
}
