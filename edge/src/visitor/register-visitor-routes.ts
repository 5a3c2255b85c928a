import type { WaymarkRouter } from "../router.ts";

// Placeholder until its owner lands the real routes.
export function registerVisitorRoutes(_router: WaymarkRouter): void {}
