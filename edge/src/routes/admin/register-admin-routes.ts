import type { WaymarkRouter } from "../router.ts";
import { registerPreviewLinkRoutes } from "../preview/preview-link-routes.ts";
import { registerPreviewTokenRoute } from "../preview/preview-token-route.ts";
import { registerAuditRoutes } from "./audit-routes.ts";
import { preflight } from "./cors.ts";
import { registerJourneyRoutes } from "./journey-routes.ts";
import { registerQaRoutes } from "./qa-routes.ts";
import { registerStatsRoutes } from "./stats-routes.ts";
import { registerVersionRoutes } from "./version-routes.ts";

/**
 * The admin API under /__waymark/api/ (everything but the visitor endpoints), all behind the admin token,
 * plus the preview link routes (their token is the credential).
 */
export function registerAdminRoutes(router: WaymarkRouter): void {
  router.options("/__waymark/api/*", (request: Request, env: Env) => preflight(request, env));
  registerJourneyRoutes(router);
  registerVersionRoutes(router);
  registerAuditRoutes(router);
  registerStatsRoutes(router);
  registerQaRoutes(router);
  registerPreviewTokenRoute(router);
  registerPreviewLinkRoutes(router);
}
