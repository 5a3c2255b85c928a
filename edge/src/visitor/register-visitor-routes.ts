import type { WaymarkRouter } from "../router.ts";
import { registerAdminVisitorRoutes } from "./admin-visitor-routes.ts";
import { deleteMe, getMe } from "./me-routes.ts";
import { optIn, optOut } from "./opt-routes.ts";
import { postEvents } from "./post-events.ts";
import { postIdentify } from "./post-identify.ts";

/** The visitor's own endpoints (beacon, privacy controls) and the visitor admin/ingest API. */
export function registerVisitorRoutes(router: WaymarkRouter): void {
  router.post("/__waymark/events", postEvents);
  router.get("/__waymark/me", getMe);
  router.delete("/__waymark/me", deleteMe);
  router.post("/__waymark/opt-out", optOut);
  router.post("/__waymark/opt-in", optIn);
  router.post("/__waymark/identify", postIdentify);
  registerAdminVisitorRoutes(router);
}
