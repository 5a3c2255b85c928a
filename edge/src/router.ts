// Temporary: the router type moved to http/route-request.ts; removed once visitor/ is regrouped.
export type { WaymarkRouter } from "./http/route-request.ts";
