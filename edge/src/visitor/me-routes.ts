import { errorResponse } from "../http/errors.ts";
import { clearCookie } from "../identity/set-cookie.ts";
import { parseCookies } from "../identity/parse-cookies.ts";
import { readVisitorId, VISITOR_COOKIE } from "../identity/visitor-id.ts";
import { OPT_OUT_COOKIE } from "../privacy/privacy-mode.ts";
import type { VisitorJourney } from "./visitor-journey.ts";
import { visitorStub } from "./visitor-stub.ts";

const NO_STORE = { "cache-control": "no-store" };
/** The visitor's object failed (overloaded, restarting): say so plainly so the client can try again. */
const unavailable = () =>
  errorResponse(503, "visitor data unavailable, retry later", undefined, { "retry-after": "5" });

/** GET /__waymark/me: everything stored about this browser's visitor, as JSON (visitorId, eventCount, ...). */
export async function getMe(request: Request, env: Env): Promise<Response> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const optedOut = cookies[OPT_OUT_COOKIE] === "1";
  const id = readVisitorId(cookies);
  if (!id || optedOut)
    return Response.json({ visitorId: null, eventCount: 0, stored: false, optedOut }, { headers: NO_STORE });
  let data: Awaited<ReturnType<DurableObjectStub<VisitorJourney>["me"]>>;
  try {
    data = await visitorStub(env, id).me(id);
  } catch {
    return unavailable();
  }
  // A browser linked to a customer: what the customer's object holds is about this person too.
  const name = data.linkedCustomer ? `customer:${data.linkedCustomer}` : null;
  let customer: typeof data | undefined;
  try {
    customer = name ? await visitorStub(env, name).me(name) : undefined;
  } catch {
    return unavailable();
  }
  return Response.json({ ...data, optedOut, ...(customer ? { customer } : {}) }, { headers: NO_STORE });
}

/** DELETE /__waymark/me: erases everything stored and forgets the id (the next page gets a new one). */
export async function deleteMe(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const id = readVisitorId(parseCookies(request.headers.get("cookie")));
  if (id) {
    // Never claim an erasure that did not happen.
    try {
      await visitorStub(env, id).forget();
    } catch {
      return unavailable();
    }
  }
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, url.protocol === "https:"));
  return Response.json({ erased: true, visitorId: id }, { headers });
}
