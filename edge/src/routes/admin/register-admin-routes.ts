import type { WaymarkRouter } from "../../http/route-request.ts";
import { registerPreviewTokenRoute } from "./preview-tokens.ts";
import { registerAuditRoutes } from "./audit.ts";
import { registerJourneyRoutes } from "./journeys.ts";
import { registerQaRoutes } from "./qa.ts";
import { registerSelectorTestRoute } from "./selector-test.ts";
import { registerStatsRoutes } from "./stats.ts";
import { registerVersionRoutes } from "./versions.ts";

/** The admin API under /__waymark/api/ (everything but the visitor endpoints); the router checks the token. */
export function registerAdminRoutes(router: WaymarkRouter): void {
  registerJourneyRoutes(router);
  registerVersionRoutes(router);
  registerAuditRoutes(router);
  registerStatsRoutes(router);
  registerQaRoutes(router);
  registerPreviewTokenRoute(router);
  registerSelectorTestRoute(router);
}
