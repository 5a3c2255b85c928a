import { clearCookie } from "../identity/set-cookie.ts";
import { parseCookies } from "../identity/parse-cookies.ts";
import { readVisitorId, VISITOR_COOKIE } from "../identity/visitor-id.ts";
import { OPT_OUT_COOKIE } from "../privacy/privacy-mode.ts";
import { visitorStub } from "./visitor-stub.ts";

const NO_STORE = { "cache-control": "no-store" };

/** GET /__waymark/me: everything stored about this browser's visitor, as JSON (visitorId, eventCount, ...). */
export async function getMe(request: Request, env: Env): Promise<Response> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const optedOut = cookies[OPT_OUT_COOKIE] === "1";
  const id = readVisitorId(cookies);
  if (!id || optedOut)
    return Response.json({ visitorId: null, eventCount: 0, stored: false, optedOut }, { headers: NO_STORE });
  const data = await visitorStub(env, id).me(id);
  return Response.json({ ...data, optedOut }, { headers: NO_STORE });
}

/** DELETE /__waymark/me: erases everything stored and forgets the id (the next page gets a new one). */
export async function deleteMe(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const id = readVisitorId(parseCookies(request.headers.get("cookie")));
  if (id) await visitorStub(env, id).forget();
  const headers = new Headers(NO_STORE);
  headers.append("set-cookie", clearCookie(VISITOR_COOKIE, url.protocol === "https:"));
  return Response.json({ erased: true, visitorId: id }, { headers });
}
