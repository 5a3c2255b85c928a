import { Router } from "itty-router";
import { getConfig } from "../config.ts";
import { authenticate } from "./auth.ts";
import { preflight, withCors } from "./cors.ts";
import { ConfigError, errorResponse, toErrorResponse } from "./errors.ts";
import { RESERVED_PREFIX } from "./names.ts";
import type { RouteRequest, WaymarkRouter } from "./route-request.ts";

const API = `${RESERVED_PREFIX}/api/`;
/** Routes that call a visitor's object for an admin or a backend: an unknown failure there is the object's. */
const VISITOR_API = /^\/__waymark\/api\/(?:visitors\/|decide$)/;

/** Is this path one of Waymark's own (never proxied to the origin)? */
export function isReserved(pathname: string): boolean {
  return pathname === RESERVED_PREFIX || pathname.startsWith(`${RESERVED_PREFIX}/`);
}

/**
 * The one request pipeline of Waymark's own endpoints (routes register on it, see routes/register-routes.ts):
 * - before: CORS preflights answered; configuration checked (a 500 naming the invalid variable); the bearer
 *   token of the admin and ingest API checked (401) and the caller put on `request.principal`;
 * - catch: thrown errors become JSON errors (400 with issue paths, the StatusError's status, else a logged 500;
 *   on the visitor API an unknown failure is the visitor's object: 503 + Retry-After, the caller may retry);
 * - finally: 404 for anything unmatched, and the API's CORS headers on every /__waymark/api/ answer.
 */
export function createRouter(): WaymarkRouter {
  return Router<RouteRequest, [Env, ExecutionContext]>({
    before: [
      (req: RouteRequest, env: Env) =>
        req.method === "OPTIONS" && new URL(req.url).pathname.startsWith(API) ? preflight(req, env) : undefined,
      (_req: RouteRequest, env: Env) => {
        const { problems } = getConfig(env);
        if (problems.length) throw new ConfigError(problems);
      },
      (req: RouteRequest, env: Env) => {
        req.principal = authenticate(req, env) ?? undefined;
      },
    ],
    catch: (err: unknown, req: RouteRequest) => {
      const res = toErrorResponse(err);
      if (res.status === 500 && !(err instanceof ConfigError) && VISITOR_API.test(new URL(req.url).pathname))
        return errorResponse(503, "visitor temporarily unavailable, retry later", undefined, { "retry-after": "5" });
      return res;
    },
    finally: [
      (res: Response | undefined) => res ?? errorResponse(404, "not found"),
      // Answers that already carry CORS headers (preflights) are left as they are.
      (res: Response, req: RouteRequest, env: Env) =>
        new URL(req.url).pathname.startsWith(API) && !/\borigin\b/i.test(res.headers.get("vary") ?? "")
          ? withCors(req, env, res)
          : res,
    ],
  });
}
