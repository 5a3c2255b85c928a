import { getConfig } from "../config.ts";
import { parseOr400, StatusError } from "../http/errors.ts";
import { readJson } from "../http/json.ts";
import { OUTCOME_HEADER } from "../http/names.ts";
import { IDENTITY_REFUSALS, verifyIdentityToken } from "../identity/identity-token.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { BEACON_EVENTS_PER_MINUTE, type IdentifyResult, type LinkProof } from "../visitor/visitor-rpc.ts";
import { visitorStub } from "../visitor/visitor-stub.ts";
import { IdentifyBody } from "./visitor-bodies.ts";

/**
 * POST /__waymark/identify {customerId, token} (waymark.identify): links this browser to a known customer, so
 * journey state follows the customer across devices. A browser can claim anything, so the customer id must come
 * with a token the site's backend signed with IDENTITY_SECRET (identity/identity-token.ts); without a configured
 * secret browsers cannot identify (403) and only the server-side API links. {customerId: null} unlinks (logout).
 * Needs consent and a visitor.
 */
export async function postIdentify(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { customerId, token } = parseOr400(IdentifyBody, await readJson(request), "invalid identify");
  const proof = customerId === null ? { via: "token" as const, expiresAt: null } : await proven(customerId, token, env);
  const { visitorId: id, mode } = requestVisitor(request, env);
  if (!id || mode !== "full")
    return Response.json(
      { linked: null, stored: false },
      { headers: { "cache-control": "no-store", [OUTCOME_HEADER]: mode } },
    );
  const version = (await getPublishedRuleset(env, ctx, new URL(request.url).origin)).version;
  const r = await visitorStub(env, id).identify({
    visitorId: id,
    version,
    customerId,
    proof,
    ratePerMinute: BEACON_EVENTS_PER_MINUTE,
  });
  if (!r.ok) throw identifyRefused(r);
  return Response.json({ linked: r.linked, accepted: r.accepted }, { headers: { "cache-control": "no-store" } });
}

/** The proof of a browser's claim to be `customerId`, or the 401/403 that says what is wrong with it. */
async function proven(customerId: string, token: string | undefined, env: Env): Promise<LinkProof> {
  const secret = getConfig(env).identitySecret;
  if (!secret) throw new StatusError(403, "identity verification is not configured");
  if (!token)
    throw new StatusError(
      401,
      "identity token required: waymark.identify(customerId, token) with a token your backend signs (docs/events-and-beacon.md)",
    );
  const verdict = await verifyIdentityToken(token, customerId, secret, Date.now());
  if (!verdict.ok) throw new StatusError(verdict.reason === "customer" ? 403 : 401, IDENTITY_REFUSALS[verdict.reason]);
  return { via: "token", expiresAt: verdict.expiresAt };
}

/** An identify the visitor's object refused: 409 (erased) or 429 with Retry-After. */
export function identifyRefused(r: Extract<IdentifyResult, { ok: false }>): StatusError {
  const err = new StatusError(r.status, r.error);
  if (r.retryAfterSeconds)
    (err as StatusError & { headers?: HeadersInit }).headers = { "retry-after": String(r.retryAfterSeconds) };
  return err;
}
