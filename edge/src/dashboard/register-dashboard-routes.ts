import type { WaymarkRouter } from "../router.ts";
import { DASHBOARD_PATH, serveDashboard } from "./serve-dashboard.ts";

/** GET/HEAD /__waymark/dashboard[/...]: the dashboard's built files (wrangler [assets], dashboard/dist). */
export function registerDashboardRoutes(router: WaymarkRouter): void {
  for (const path of [DASHBOARD_PATH, `${DASHBOARD_PATH}/*`]) {
    router.get(path, (request, env) => serveDashboard(request, env.ASSETS));
    router.head(path, (request, env) => serveDashboard(request, env.ASSETS));
  }
}
