import { withCors } from "../admin/cors.ts";
import { requireAdmin, requireIngest } from "../http/auth.ts";
import { errorResponse, parseOr400, toErrorResponse } from "../http/errors.ts";
import { VisitorName } from "./visitor-api-bodies.ts";

export type VisitorRouteRequest = Request & { params: Record<string, string> };

/**
 * A visitor API route: the admin token (or, for "ingest" routes, the narrower ingest token), the visitor name
 * from the path validated, JSON errors, and the admin API's CORS (the extension and the dashboard call these).
 */
export function visitorRoute(
  auth: "admin" | "ingest",
  handler: (request: VisitorRouteRequest, env: Env, ctx: ExecutionContext, visitor: string) => Promise<Response>,
) {
  return async (request: VisitorRouteRequest, env: Env, ctx: ExecutionContext): Promise<Response> => {
    let res: Response;
    try {
      if (auth === "admin") requireAdmin(request, env);
      else requireIngest(request, env);
      const raw = request.params.visitorId;
      const visitor = raw === undefined ? "" : parseOr400(VisitorName, safeDecode(raw), "invalid visitor id");
      res = await handler(request, env, ctx, visitor);
    } catch (err) {
      res = toErrorResponse(err);
      // What is left unknown here is the visitor's object failing (overloaded, storage exhausted): nothing was
      // recorded, and the caller may retry (event ids make retries safe) - a 503 says so, a 500 would not.
      if (res.status === 500)
        res = errorResponse(503, "visitor temporarily unavailable, retry later", undefined, { "retry-after": "5" });
    }
    return withCors(request, env, res);
  };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
