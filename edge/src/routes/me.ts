import { errorResponse } from "../http/errors.ts";
import { clearCookie, setCookie } from "../http/cookies.ts";
import { OPT_OUT_COOKIE, VISITOR_COOKIE } from "../http/names.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import type { VisitorExport } from "../visitor/visitor-rpc.ts";
import { customerName, visitorStub } from "../visitor/visitor-stub.ts";

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
  // A browser linked to a customer: what the customer's object holds is about this person too.
  const name = data.linkedCustomer ? customerName(data.linkedCustomer) : null;
  let customer: VisitorExport | undefined;
  try {
    customer = name ? await visitorStub(env, name).me(name) : undefined;
  } catch {
    return unavailable();
  }
  return Response.json({ ...data, optedOut, ...(customer ? { customer } : {}) }, { headers: NO_STORE });
}

/** DELETE /__waymark/me: erases everything stored and forgets the id (the next page gets a new one). */
export async function deleteMe(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, secure } = requestVisitor(request, env);
  if (id) {
    // Never claim an erasure that did not happen.
    try {
      await visitorStub(env, id).forget();
    } catch {
      return unavailable();
    }
  }
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, secure));
  return Response.json({ erased: true, visitorId: id }, { headers });
}

/**
 * POST /__waymark/opt-out: erases what is stored and sets wm_optout=1 (readable by the beacon, so it stops
 * sending): from then on nothing is stored and nothing personalized for this browser.
 */
export async function optOut(request: Request, env: Env): Promise<Response> {
  const { visitorId: id, secure } = requestVisitor(request, env);
  if (id) await visitorStub(env, id).forget();
  const headers = new Headers(NO_STORE);
  headers.append(
    "set-cookie",
    setCookie(OPT_OUT_COOKIE, "1", { maxAgeSeconds: YEAR_SECONDS, secure, httpOnly: false }),
  );
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, secure));
  return Response.json({ optedOut: true }, { headers });
}

/** POST /__waymark/opt-in: removes the opt-out; the next page starts a fresh visitor. */
export function optIn(request: Request): Response {
  const secure = new URL(request.url).protocol === "https:";
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(OPT_OUT_COOKIE, secure, false));
  return Response.json({ optedOut: false }, { headers });
}
