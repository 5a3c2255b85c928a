import { StatusError } from "itty-router";

export interface Principal {
  /** Who acted, for the audit log: the label of the matching token ("admin" when unlabelled). */
  label: string;
  role: "admin" | "ingest";
}

/**
 * ADMIN_TOKEN holds one token, or comma-separated "label:token" pairs so the audit log can name people and CI.
 * Tokens shorter than 16 characters are ignored: a short secret is a misconfiguration, not a password.
 */
export function parseTokens(
  raw: string | undefined,
  role: Principal["role"],
): { label: string; token: string; role: Principal["role"] }[] {
  if (!raw) return [];
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf(":");
      return i > 0 ? { label: part.slice(0, i), token: part.slice(i + 1), role } : { label: role, token: part, role };
    })
    .filter((t) => t.token.length >= 16);
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

function authenticate(request: Request, candidates: ReturnType<typeof parseTokens>): Principal {
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
export function requireAdmin(request: Request, env: Env): Principal {
  const candidates = parseTokens(env.ADMIN_TOKEN, "admin");
  if (!candidates.length) throw new StatusError(401, "admin API disabled: ADMIN_TOKEN is not set");
  return authenticate(request, candidates);
}

/** Server-side events and traits: an admin token or the narrower INGEST_TOKEN. Throws 401. */
export function requireIngest(request: Request, env: Env): Principal {
  const e = env as Env & { INGEST_TOKEN?: string };
  const candidates = [...parseTokens(env.ADMIN_TOKEN, "admin"), ...parseTokens(e.INGEST_TOKEN, "ingest")];
  if (!candidates.length) throw new StatusError(401, "ingest disabled: no ADMIN_TOKEN or INGEST_TOKEN set");
  return authenticate(request, candidates);
}
