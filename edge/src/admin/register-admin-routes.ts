import type { WaymarkRouter } from "../router.ts";

// Placeholder until its owner lands the real routes.
export function registerAdminRoutes(_router: WaymarkRouter): void {}
