import { registerBeaconRoutes } from "../beacon/register-beacon-routes.ts";
import type { WaymarkRouter } from "../http/route-request.ts";
import { registerPreviewLinkRoutes } from "../preview/preview-link-routes.ts";
import { registerVisitorRoutes } from "../visitor/register-visitor-routes.ts";
import { registerAdminRoutes } from "./admin/register-admin-routes.ts";
import { registerDashboardRoutes } from "./dashboard.ts";
import { registerOpenapiRoutes } from "./openapi.ts";

/** Every endpoint under /__waymark/ (the OpenAPI test checks this table against openapi-routes.ts). */
export function registerRoutes(router: WaymarkRouter): WaymarkRouter {
  router.get("/__waymark/health", () =>
    Response.json({ ok: true, service: "waymark" }, { headers: { "cache-control": "no-store" } }),
  );
  registerBeaconRoutes(router);
  registerVisitorRoutes(router);
  registerOpenapiRoutes(router);
  registerAdminRoutes(router);
  registerPreviewLinkRoutes(router);
  registerDashboardRoutes(router);
  return router;
}
