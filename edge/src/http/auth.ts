import { StatusError } from "itty-router";
import { getConfig, type Token } from "../config.ts";

export interface Principal {
  /** Who acted, for the audit log: the label of the matching token ("admin" when unlabelled). */
  label: string;
  role: "admin" | "ingest";
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

/** Admin API: the admin token(s) only. Throws 401. */
function requireAdmin(request: Request, env: Env): Principal {
  const candidates = getConfig(env).adminTokens;
  if (!candidates.length) throw new StatusError(401, "admin API disabled: ADMIN_TOKEN is not set");
  return match(request, candidates);
}

/** Server-side events and traits: an admin token or the narrower INGEST_TOKEN. Throws 401. */
function requireIngest(request: Request, env: Env): Principal {
  const { adminTokens, ingestTokens } = getConfig(env);
  const candidates = [...adminTokens, ...ingestTokens];
  if (!candidates.length) throw new StatusError(401, "ingest disabled: no ADMIN_TOKEN or INGEST_TOKEN set");
  return match(request, candidates);
}

const API = "/__waymark/api/";
const INGEST_PATH = /^\/__waymark\/api\/visitors\/[^/]+\/(?:events|traits|identify)$/;

/**
 * The token a reserved endpoint takes: the admin API needs an admin token; server-side events, traits and
 * identify also take the narrower ingest token; the OpenAPI document, CORS preflights and everything outside
 * /__waymark/api/ (the visitor's own endpoints, beacon, previews, dashboard) take none.
 */
export function requiredRole(method: string, pathname: string): Principal["role"] | null {
  if (!pathname.startsWith(API) || method === "OPTIONS" || pathname === `${API}openapi.json`) return null;
  return method === "POST" && INGEST_PATH.test(pathname) ? "ingest" : "admin";
}

/** The router's authentication step: the caller of a token-protected endpoint, or a 401 thrown. */
export function authenticate(request: Request, env: Env): Principal | null {
  const role = requiredRole(request.method, new URL(request.url).pathname);
  if (role === "admin") return requireAdmin(request, env);
  if (role === "ingest") return requireIngest(request, env);
  return null;
}
