import type { RouterType } from "itty-router";
import type { Principal } from "./auth.ts";
import { StatusError, ValidationError } from "./errors.ts";

/** What a route handler gets: the request with its path params and query (itty-router), and who is calling. */
export type RouteRequest = Request & {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** Set by the router's `before` on routes that take a bearer token. */
  principal?: Principal;
};

/** The router routes register on (a leaf type, so route files never import the router itself). */
export type WaymarkRouter = RouterType<RouteRequest, [Env, ExecutionContext]>;

/** The caller authenticated by the pipeline (routes behind a token only). */
export function principalOf(request: RouteRequest): Principal {
  if (!request.principal) throw new StatusError(401, "missing or malformed bearer token");
  return request.principal;
}

/** One query parameter; a repeated one is ambiguous and refused. */
export function queryParam(request: RouteRequest, name: string): string | undefined {
  const v = request.query[name];
  if (Array.isArray(v)) throw new ValidationError(`give "${name}" once`, [{ path: [name], message: "repeated" }]);
  return v;
}
