import { getConfig } from "../config.ts";
import { errorResponse, parseOr400, StatusError } from "../http/errors.ts";
import { clearCookie, setCookie } from "../http/cookies.ts";
import { readOptionalJson } from "../http/json.ts";
import { OPT_OUT_COOKIE, VISITOR_COOKIE } from "../http/names.ts";
import { IDENTITY_REFUSALS, verifyIdentityToken } from "../identity/identity-token.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import type { CustomerView, VisitorExport } from "../visitor/visitor-rpc.ts";
import { customerName, visitorStub } from "../visitor/visitor-stub.ts";
import { DeleteMeBody } from "./visitor-bodies.ts";

const NO_STORE = { "cache-control": "no-store" };
const YEAR_SECONDS = 365 * 86_400;
/** The visitor's object failed (overloaded, restarting): say so plainly so the client can try again. */
const unavailable = () =>
  errorResponse(503, "visitor data unavailable, retry later", undefined, { "retry-after": "5" });

/** GET /__waymark/me: everything stored about this browser's visitor, as JSON (visitorId, eventCount, ...). */
export async function getMe(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, mode } = requestVisitor(request, env);
  const optedOut = mode === "optout";
  if (!id || optedOut)
    return Response.json({ visitorId: null, eventCount: 0, stored: false, optedOut }, { headers: NO_STORE });
  let data: VisitorExport;
  try {
    data = await visitorStub(env, id).me(id);
  } catch {
    return unavailable();
  }
  // A browser linked to a customer (an active, proven link): what this browser may see of the customer's object,
  // not the traits' values nor the other devices' events. An expired link shows nothing of it.
  const name = data.linkedCustomer ? customerName(data.linkedCustomer) : null;
  let customer: CustomerView | undefined;
  try {
    customer = name ? await visitorStub(env, name).customerView({ name, device: id }) : undefined;
  } catch {
    return unavailable();
  }
  return Response.json({ ...data, optedOut, ...(customer ? { customer } : {}) }, { headers: NO_STORE });
}

/**
 * DELETE /__waymark/me: erases everything stored about this browser and forgets the id (the next page gets a new
 * one). A linked browser is unlinked; its customer's data (shared with the customer's other devices) is erased too
 * only with proof: a fresh identity token for that customer in the body, {"token": "..."}.
 */
export async function deleteMe(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, secure } = requestVisitor(request, env);
  const proof = await customerProof(request, env);
  let customerErased = false;
  if (id) {
    // Never claim an erasure that did not happen.
    try {
      const link = (await visitorStub(env, id).me(id)).link;
      if (proof && link?.customerId !== proof) throw new StatusError(403, IDENTITY_REFUSALS.customer);
      await visitorStub(env, id).forget();
      if (proof) {
        const name = customerName(proof);
        await visitorStub(env, name).forget();
        customerErased = true;
      }
    } catch (err) {
      if (err instanceof StatusError) throw err;
      return unavailable();
    }
  }
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, secure));
  return Response.json({ erased: true, visitorId: id, customerErased }, { headers });
}

/** The customer id a DELETE /me body proves (a fresh identity token), null without a body; 4xx for a bad one. */
async function customerProof(request: Request, env: Env): Promise<string | null> {
  const body = await readOptionalJson(request);
  if (typeof body === "object" && body !== null && !Array.isArray(body) && !Object.keys(body).length) return null;
  const { token } = parseOr400(DeleteMeBody, body, "invalid erasure request");
  const secret = getConfig(env).identitySecret;
  if (!secret) throw new StatusError(403, "identity verification is not configured");
  const verdict = await verifyIdentityToken(token, null, secret, Date.now());
  if (!verdict.ok) throw new StatusError(verdict.reason === "customer" ? 403 : 401, IDENTITY_REFUSALS[verdict.reason]);
  return verdict.customerId;
}

/**
 * POST /__waymark/opt-out: erases what is stored and sets wm_optout=1 (readable by the beacon, so it stops
 * sending): from then on nothing is stored and nothing personalized for this browser.
 */
export async function optOut(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, secure } = requestVisitor(request, env);
  // The customer a browser is linked to is not erased: opting out unlinks this browser (DELETE /me with proof does).
  if (id) await visitorStub(env, id).forget({ optOut: true });
  const headers = new Headers(NO_STORE);
  headers.append(
    "set-cookie",
    setCookie(OPT_OUT_COOKIE, "1", { maxAgeSeconds: YEAR_SECONDS, secure, httpOnly: false }),
  );
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, secure));
  return Response.json({ optedOut: true }, { headers });
}

/**
 * POST /__waymark/opt-in: removes the opt-out; the next page starts a fresh visitor. A browser still sending its old
 * id consents again explicitly, so that id's erasure tombstone is lifted.
 */
export async function optIn(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, secure } = requestVisitor(request, env);
  if (id) await visitorStub(env, id).optIn();
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(OPT_OUT_COOKIE, secure, false));
  return Response.json({ optedOut: false }, { headers });
}
