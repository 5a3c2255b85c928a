import { StatusError } from "../http/errors.ts";
import { sameOrigin } from "../http/same-origin.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { pickLanguage, PRIVACY_COPY, type PrivacyChoice } from "../privacy/privacy-copy.ts";
import { renderPrivacyPage, type PrivacyStatus } from "../privacy/render-privacy-page.ts";
import { visitorStub } from "../visitor/visitor-stub.ts";
import { deleteMe, optIn, optOut } from "./me.ts";

export const PRIVACY_PAGE_PATH = "/__waymark/opt-out";
const CHOICES = Object.keys(PRIVACY_COPY.en.done) as PrivacyChoice[];
const isChoice = (v: unknown): v is PrivacyChoice => typeof v === "string" && (CHOICES as string[]).includes(v);
/** A form with one short field: anything bigger is not this page's form. */
const MAX_FORM_BYTES = 1_024;

// The page runs no script and loads nothing; its forms post to this origin only; no site may frame it.
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  vary: "accept-language, cookie",
};

/**
 * GET /__waymark/opt-out: the visitor's privacy page (what is stored; opt out, opt in, erase), in the first language
 * of Accept-Language the page has. Works without JavaScript: the choices are forms (POST /__waymark/privacy).
 */
export async function getPrivacyPage(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const lang = pickLanguage(request.headers.get("accept-language"));
  const done = url.searchParams.get("done");
  const html = renderPrivacyPage({ lang, status: await statusOf(request, env), done: isChoice(done) ? done : null });
  return new Response(html, { headers: { ...PAGE_HEADERS, "content-language": lang } });
}

async function statusOf(request: Request, env: Env): Promise<PrivacyStatus> {
  const { visitorId, mode } = requestVisitor(request, env);
  if (mode === "optout") return { kind: "optout" };
  if (mode === "anonymous") return { kind: "anonymous" };
  if (!visitorId) return { kind: "nothing" };
  try {
    const data = await visitorStub(env, visitorId).me(visitorId);
    if (!data.stored) return { kind: "nothing" };
    return {
      kind: "stored",
      events: data.eventCount,
      journeys: Object.keys(data.journeys ?? {}).length,
      linked: data.linkedCustomer !== null,
    };
  } catch {
    return { kind: "unavailable" };
  }
}

/**
 * POST /__waymark/privacy (the page's forms, `do=opt-out|opt-in|erase`): runs the same code as POST /opt-out,
 * POST /opt-in and DELETE /me, then 303 back to the page with `?done=`. Only from this site's own pages: another
 * site's form must not opt a visitor out or erase their data (cross-site request forgery).
 */
export async function postPrivacyForm(request: Request, env: Env): Promise<Response> {
  if (!sameOrigin(request)) throw new StatusError(403, "privacy choices are accepted from this site's own pages only");
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FORM_BYTES) throw new StatusError(413, `form too large (at most ${MAX_FORM_BYTES} bytes)`);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type))
    throw new StatusError(400, "expected a form (application/x-www-form-urlencoded) with do=opt-out|opt-in|erase");
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) throw new StatusError(413, `form too large (at most ${MAX_FORM_BYTES} bytes)`);
  const choice = new URLSearchParams(text).get("do");
  if (!isChoice(choice)) throw new StatusError(400, `"do" must be one of ${CHOICES.join(", ")}`);

  // The same handlers as the JSON endpoints, on a body-less copy of the request (cookies and headers kept).
  const headers = new Headers(request.headers);
  headers.delete("content-type");
  headers.delete("content-length");
  const bare = new Request(request.url, { method: choice === "erase" ? "DELETE" : "POST", headers });
  const done =
    choice === "erase"
      ? await deleteMe(bare, env)
      : choice === "opt-out"
        ? await optOut(bare, env)
        : await optIn(bare, env);
  if (!done.ok) return done;
  const back = new Headers({ location: `${PRIVACY_PAGE_PATH}?done=${choice}`, "cache-control": "no-store" });
  for (const cookie of done.headers.getSetCookie()) back.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers: back });
}
