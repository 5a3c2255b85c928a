import { StatusError } from "itty-router";
import { STAFF_ROLES, type Role } from "@waymark/shared/schemas/access.ts";
import { getConfig, type Token } from "../config.ts";
import { ROUTE_ROLES, type MinRole, type RouteRule } from "../routes/admin/route-roles.ts";

export interface Principal {
  /** Who acted, for the audit log: the label of the matching token ("admin" when unlabelled). */
  label: string;
  role: Role;
}

const encoder = new TextEncoder();

/**
 * Constant-time comparison of two strings (length leaks, content does not), with the runtime's
 * crypto.subtle.timingSafeEqual. It refuses inputs of different lengths, so a length mismatch still compares `a`
 * with itself (the same work) before answering false.
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const sameLength = x.byteLength === y.byteLength;
  return crypto.subtle.timingSafeEqual(x, sameLength ? y : x) && sameLength;
}

/** The bearer token of a request: only from the Authorization header, never a query string or cookie. */
export function bearerToken(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(h.trim());
  return m ? m[1] : null;
}

function match(request: Request, candidates: readonly Token[]): Principal {
  const token = bearerToken(request);
  if (!token) throw new StatusError(401, "missing or malformed bearer token");
  let found: Principal | null = null;
  // Compare against every candidate so timing does not reveal which one matched.
  for (const c of candidates)
    if (timingSafeEqualString(token, c.token) && !found) found = { label: c.label, role: c.role };
  if (!found) throw new StatusError(401, "invalid token");
  return found;
}

const API = "/__waymark/api/";
const STAFF: readonly Role[] = STAFF_ROLES;

/** Compiled once: each row of the role table as a matcher of its method and path. */
const RULES = Object.entries(ROUTE_ROLES).map(([key, rule]) => {
  const [method, path] = key.split(" ");
  const params: string[] = [];
  const pattern = path
    .split("/")
    .map((seg) => {
      if (!seg.startsWith(":")) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(seg.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { method, regex: new RegExp(`^${pattern}/?$`), params, rule };
});

/** Admin-only: what a route missing from the table answers (fail closed). */
const UNLISTED: RouteRule = { role: "admin", what: "this endpoint" };

/** The row of the role table for a request (HEAD reads as GET), with the path's parameters. */
export function routeRule(method: string, pathname: string): { rule: RouteRule; params: Record<string, string> } {
  const m = method === "HEAD" ? "GET" : method;
  for (const r of RULES) {
    if (r.method !== m) continue;
    const hit = r.regex.exec(pathname);
    if (hit) return { rule: r.rule, params: Object.fromEntries(r.params.map((p, i) => [p, decode(hit[i + 1])])) };
  }
  return { rule: UNLISTED, params: {} };
}

function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Does a token of `role` satisfy `need`? Staff roles form a ladder; ingest is its own, which admin includes. */
export function roleSatisfies(role: Role, need: MinRole): boolean {
  if (need === "public" || need === "any") return true;
  if (need === "ingest") return role === "ingest" || role === "admin";
  return role !== "ingest" && STAFF.indexOf(role) >= STAFF.indexOf(need);
}

/** The least role a rule asks of this request: the sandbox's or the approval mode's variant where it applies. */
export function neededRole(rule: RouteRule, params: Record<string, string>, requireApproval: boolean): MinRole {
  if (rule.sandbox && params.visitorId?.startsWith("preview:")) return rule.sandbox;
  if (rule.withApproval && requireApproval) return rule.withApproval;
  return rule.role;
}

/** The 403's words: "publishing needs the publisher role; this token is editor". */
export function forbiddenMessage(rule: RouteRule, need: MinRole, role: Role, requireApproval: boolean): string {
  const roleName = need === "ingest" ? "ingest or admin" : need;
  const base = `${rule.what} needs the ${roleName} role; this token is ${role}`;
  return rule.withApproval && requireApproval && need === rule.withApproval
    ? `with approvals on (REQUIRE_APPROVAL), ${rule.what} directly needs the ${roleName} role; this token is ${role}: request a publish instead (POST /__waymark/api/publish-requests)`
    : base;
}

/**
 * The token a reserved endpoint takes: the admin API needs an admin token; server-side events, traits and
 * identify also take the narrower ingest token; the OpenAPI document, CORS preflights and everything outside
 * /__waymark/api/ (the visitor's own endpoints, beacon, previews, dashboard) take none. (The role each route needs
 * beyond that is in the role table, routes/admin/route-roles.ts.)
 */
export function requiredRole(method: string, pathname: string): "admin" | "ingest" | null {
  if (!pathname.startsWith(API) || method === "OPTIONS") return null;
  const { rule } = routeRule(method, pathname);
  if (rule.role === "public") return null;
  return rule.role === "ingest" ? "ingest" : "admin";
}

/**
 * The router's authentication step: the caller of a token-protected endpoint (401 without a valid token), allowed
 * by the role table (403 naming the role needed), or null for the endpoints that take no token.
 */
export function authenticate(request: Request, env: Env): Principal | null {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(API) || request.method === "OPTIONS") return null;
  const { rule, params } = routeRule(request.method, pathname);
  if (rule.role === "public") return null;
  const { adminTokens, ingestTokens, accessTokens, requireApproval } = getConfig(env);
  const staff = [...adminTokens, ...accessTokens];
  const candidates = [...staff, ...ingestTokens];
  if (!candidates.length)
    throw new StatusError(
      401,
      rule.role === "ingest"
        ? "ingest disabled: no ADMIN_TOKEN, ACCESS_TOKENS or INGEST_TOKEN set"
        : "admin API disabled: ADMIN_TOKEN is not set (nor ACCESS_TOKENS)",
    );
  const principal = match(request, candidates);
  const need = neededRole(rule, params, requireApproval);
  if (!roleSatisfies(principal.role, need))
    throw new StatusError(403, forbiddenMessage(rule, need, principal.role, requireApproval));
  return principal;
}
