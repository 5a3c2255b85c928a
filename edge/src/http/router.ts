import { Router } from "itty-router";
import { errorResponse, toErrorResponse } from "./http/errors.ts";
import { withCors } from "./admin/cors.ts";
import { registerAdminRoutes } from "./admin/register-admin-routes.ts";
import { registerBeaconRoutes } from "./beacon/register-beacon-routes.ts";
import { registerDashboardRoutes } from "./dashboard/register-dashboard-routes.ts";
import { registerOpenapiRoutes } from "./openapi/register-openapi-routes.ts";
import { registerVisitorRoutes } from "./visitor/register-visitor-routes.ts";
import { handlePage } from "./page/handle-page.ts";

export type WaymarkRouter = ReturnType<typeof createRouter>;

/** Reserved endpoints live under /__waymark/; everything else is the site, proxied (and personalized). */
export function createRouter() {
  const router = Router<
    Request & { params: Record<string, string>; query: Record<string, string | string[]> },
    [Env, ExecutionContext]
  >({
    catch: (err) => toErrorResponse(err),
    // Every /__waymark/api/ answer (admin, visitor ingest, decide, errors) gets the same CORS policy; routes that
    // already applied it are left as they are.
    finally: [
      (res: Response | undefined, req: Request, env: Env) =>
        res &&
        new URL(req.url).pathname.startsWith("/__waymark/api/") &&
        !/\borigin\b/i.test(res.headers.get("vary") ?? "")
          ? withCors(req, env, res)
          : res,
    ],
  });
  router.get("/__waymark/health", () =>
    Response.json({ ok: true, service: "waymark" }, { headers: { "cache-control": "no-store" } }),
  );
  registerBeaconRoutes(router);
  registerVisitorRoutes(router);
  registerOpenapiRoutes(router);
  registerAdminRoutes(router);
  registerDashboardRoutes(router);
  router.all("/__waymark/*", () => errorResponse(404, "not found"));
  return router;
}

/** Is this path one of Waymark's own (never proxied to the origin)? */
export function isReserved(pathname: string): boolean {
  return pathname === "/__waymark" || pathname.startsWith("/__waymark/");
}

export { handlePage };
