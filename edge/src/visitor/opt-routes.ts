import { clearCookie, setCookie } from "../identity/set-cookie.ts";
import { parseCookies } from "../identity/parse-cookies.ts";
import { readVisitorId, VISITOR_COOKIE } from "../identity/visitor-id.ts";
import { OPT_OUT_COOKIE } from "../privacy/privacy-mode.ts";
import { visitorStub } from "./visitor-stub.ts";

const YEAR_SECONDS = 365 * 86_400;

/**
 * POST /__waymark/opt-out: erases what is stored and sets wm_optout=1 (readable by the beacon, so it stops
 * sending): from then on nothing is stored and nothing personalized for this browser.
 */
export async function optOut(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const secure = url.protocol === "https:";
  const id = readVisitorId(parseCookies(request.headers.get("cookie")));
  if (id) await visitorStub(env, id).forget();
  const headers = new Headers({ "cache-control": "no-store" });
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
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append("set-cookie", clearCookie(OPT_OUT_COOKIE, secure, false));
  return Response.json({ optedOut: false }, { headers });
}
