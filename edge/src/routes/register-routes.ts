import { registerBeaconRoutes } from "../beacon/register-beacon-routes.ts";
import type { WaymarkRouter } from "../http/route-request.ts";
import { registerPreviewLinkRoutes } from "./preview-link.ts";
import { registerAdminRoutes } from "./admin/register-admin-routes.ts";
import { registerAdminVisitorRoutes } from "./admin/visitors.ts";
import { registerDashboardRoutes } from "./dashboard.ts";
import { postEvents } from "./events.ts";
import { postIdentify } from "./identify.ts";
import { postNavigate } from "./navigate.ts";
import { deleteMe, getMe, optIn, optOut } from "./me.ts";
import { registerOpenapiRoutes } from "./openapi.ts";
import { getPrivacyPage, postPrivacyForm } from "./privacy-page.ts";
import { postConsent } from "../privacy/post-consent.ts";

/** Every endpoint under /__waymark/ (the OpenAPI test checks this table against openapi-routes.ts). */
export function registerRoutes(router: WaymarkRouter): WaymarkRouter {
  router.get("/__waymark/health", () =>
    Response.json({ ok: true, service: "waymark" }, { headers: { "cache-control": "no-store" } }),
  );
  registerBeaconRoutes(router);
  // The visitor's own endpoints: the beacon, privacy controls, identify.
  router.post("/__waymark/events", postEvents);
  router.post("/__waymark/navigate", postNavigate);
  router.get("/__waymark/me", getMe);
  router.delete("/__waymark/me", deleteMe);
  router.post("/__waymark/opt-out", optOut);
  router.post("/__waymark/opt-in", optIn);
  router.get("/__waymark/opt-out", getPrivacyPage);
  router.post("/__waymark/privacy", postPrivacyForm);
  router.post("/__waymark/consent", postConsent);
  router.post("/__waymark/identify", postIdentify);
  registerAdminVisitorRoutes(router);
  registerOpenapiRoutes(router);
  registerAdminRoutes(router);
  registerPreviewLinkRoutes(router);
  registerDashboardRoutes(router);
  return router;
}
