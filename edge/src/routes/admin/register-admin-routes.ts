import type { WaymarkRouter } from "../../http/route-request.ts";
import { registerPreviewTokenRoute } from "./preview-tokens.ts";
import { registerPublishRequestRoutes } from "./publish-requests.ts";
import { registerWhoamiRoute } from "./whoami.ts";
import { registerAudienceRoutes } from "./audiences.ts";
import { registerAuditRoutes } from "./audit.ts";
import { registerJourneyRoutes } from "./journeys.ts";
import { registerQaRoutes } from "./qa.ts";
import { registerSelectorTestRoute } from "./selector-test.ts";
import { registerStatsRoutes } from "./stats.ts";
import { registerProgramStatsRoute } from "./program-stats.ts";
import { registerOfferModelRoutes } from "./offer-models.ts";
import { registerVersionRoutes } from "./versions.ts";

/**
 * The admin API under /__waymark/api/ (everything but the visitor endpoints). The router checks the token and the
 * role each route needs, from the role table in route-roles.ts: give every new route a row there.
 */
export function registerAdminRoutes(router: WaymarkRouter): void {
  registerJourneyRoutes(router);
  registerAudienceRoutes(router);
  registerVersionRoutes(router);
  registerAuditRoutes(router);
  registerStatsRoutes(router);
  registerProgramStatsRoute(router);
  registerOfferModelRoutes(router);
  registerQaRoutes(router);
  registerPreviewTokenRoute(router);
  registerSelectorTestRoute(router);
  registerWhoamiRoute(router);
  registerPublishRequestRoutes(router);
}
