import { requireAdmin, type Principal } from "../http/auth.ts";
import { StatusError, toErrorResponse, ValidationError } from "../http/errors.ts";
import type { StoreResult } from "../rules/store-result.ts";
import { withCors } from "./cors.ts";

export type RouteRequest = Request & {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
};

export type AdminHandler = (
  request: RouteRequest,
  env: Env,
  ctx: ExecutionContext,
  principal: Principal,
) => Response | Promise<Response>;

/**
 * An admin API route: bearer token required (401 otherwise), errors as Waymark's JSON errors, and CORS headers
 * for allowed origins on every answer, errors included (so a browser client can read why it was refused).
 */
export function adminRoute(handler: AdminHandler) {
  return async (request: RouteRequest, env: Env, ctx: ExecutionContext): Promise<Response> => {
    let res: Response;
    try {
      res = await handler(request, env, ctx, requireAdmin(request, env));
    } catch (err) {
      res = toErrorResponse(err);
    }
    return withCors(request, env, res);
  };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** The value of a store answer, or the refusal as an HTTP error (400s keep their issue paths). */
export function unwrap<T>(r: StoreResult<T>): T {
  if (r.ok) return r.value;
  if (r.status === 400) throw new ValidationError(r.error, r.issues ?? []);
  throw new StatusError(r.status, r.error);
}

/** One query parameter; a repeated one is ambiguous and refused. */
export function queryParam(request: RouteRequest, name: string): string | undefined {
  const v = request.query[name];
  if (Array.isArray(v)) throw new ValidationError(`give "${name}" once`, [{ path: [name], message: "repeated" }]);
  return v;
}

/** A JSON body that may be absent (e.g. POST /publish with no note). */
export async function readOptionalJson(request: Request, read: (r: Request) => Promise<unknown>): Promise<unknown> {
  if (!request.body || request.headers.get("content-length") === "0") return {};
  return read(request);
}
