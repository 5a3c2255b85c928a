import { isSameSiteUrl } from "@waymark/shared/engine/is-same-site-url.ts";
import { isBot } from "../bots/is-bot.ts";
import { getConfig } from "../config.ts";
import { StatusError, ValidationError, parseOr400 } from "../http/errors.ts";
import { readJson } from "../http/json.ts";
import { isReserved } from "../http/router.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { visitorCookie } from "../identity/visitor-cookie.ts";
import { newVisitorId } from "../identity/visitor-id.ts";
import { hasPreviewToken } from "../page/has-preview-token.ts";
import { pageAnswer } from "../page/page-answer.ts";
import { tagOutcome } from "../page/page-headers.ts";
import { requestContext } from "../page/request-context.ts";
import { startDecision, type PageOutcome } from "../page/start-decision.ts";
import { setTraceHeader } from "../page/trace-header.ts";
import { withBudget, type Budgeted } from "../page/with-budget.ts";
import { readPreview } from "../preview/read-preview.ts";
import { BEACON_EVENTS_PER_MINUTE } from "../visitor/visitor-rpc.ts";
import { rateLimited } from "./events.ts";
import { NavigateBody, type NavigateReply } from "./visitor-bodies.ts";

/** A URL and nothing else: far below the 256 KB of event batches. */
const MAX_NAVIGATE_BYTES = 4 * 1024;

/** What personalization off, or a bot, gets: the route as it is (no decision, nothing stored). */
const AS_IS: Budgeted<PageOutcome> = { kind: "ok", value: { kind: "skipped", version: 0 }, ms: 0 };

/**
 * POST /__waymark/navigate {url} (the beacon, when a single-page app changes route with the History API): the page
 * view of that URL, run exactly as the edge runs one for a page load (startDecision: preview sandbox, opt-out,
 * consent, one visitor-object call), answered as the route's PageManifest instead of a rewritten page, with the
 * page's X-Waymark headers. A journey's redirect comes back as `redirect` (same site only) for the beacon to follow.
 */
export async function postNavigate(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  refuseCrossSite(request);
  const { url } = parseOr400(NavigateBody, await readJson(request, MAX_NAVIGATE_BYTES), "invalid navigation");
  const self = new URL(request.url);
  const page = isSameSiteUrl(url, self.host) ? new URL(url, self) : null;
  if (!page || isReserved(page.pathname))
    throw new ValidationError("not a page of this site", [
      { path: ["url"], message: `must be a path or an http(s) URL on ${self.host}, outside /__waymark` },
    ]);

  const config = getConfig(env);
  const bot = isBot(request.headers.get("user-agent"));
  let cookieId: string | null = null;
  let outcome = AS_IS;
  if (config.personalization && !bot) {
    const who = requestVisitor(request, env, self);
    cookieId = who.mode === "full" ? (who.visitorId ?? newVisitorId()) : null;
    const preview = hasPreviewToken(request, who.cookies)
      ? readPreview(request, env, who.cookies).catch(() => null)
      : Promise.resolve(null);
    const decision = startDecision({
      env,
      ctx,
      reqCtx: requestContext(request, page, who.cookies),
      mode: who.mode,
      visitorId: cookieId,
      preview,
      origin: self.origin,
      ratePerMinute: BEACON_EVENTS_PER_MINUTE,
    });
    // The route is already on screen, so no first-byte budget: only the beacon waits, as long as for events.
    outcome = await withBudget(decision, Date.now(), config.eventsTimeoutMs);
  }
  const answer = pageAnswer(outcome, page, env);
  const limited = answer.decision?.retryAfterSeconds;
  if (limited !== undefined) throw rateLimited(limited);

  const reply: NavigateReply = { ...answer.manifest, ...(answer.redirect ? { redirect: answer.redirect.url } : {}) };
  const h = new Headers({ "cache-control": "no-store" });
  tagOutcome(h, bot ? "bot" : answer.label, outcome === AS_IS ? null : outcome.ms);
  // A preview decides on a sandbox: the real visitor's cookie is neither needed nor refreshed.
  if (cookieId && !answer.preview) h.append("set-cookie", visitorCookie(cookieId, self, env));
  if (answer.preview && answer.decision?.trace) setTraceHeader(h, answer.decision.trace);
  return Response.json(reply, { headers: h });
}

/**
 * Only the site's own pages may ask: a browser names the page's origin in `Origin` on every POST (and says
 * `Sec-Fetch-Site`), so another site's page cannot spend this visitor's page views or read their decisions.
 */
function refuseCrossSite(request: Request): void {
  const origin = request.headers.get("origin");
  const host = new URL(request.url).host;
  if ((origin !== null && !isSameSiteUrl(origin, host)) || request.headers.get("sec-fetch-site") === "cross-site")
    throw new StatusError(403, "navigations are accepted from this site's own pages only");
}
