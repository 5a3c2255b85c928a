import { PREVIEW_HEADER } from "../http/names.ts";
import { isBot } from "../bots/is-bot.ts";
import { getConfig } from "../config.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { newVisitorId } from "../identity/visitor-id.ts";
import { readPreview } from "../preview/read-preview.ts";
import { fetchOrigin } from "./fetch-origin.ts";
import { finishPage } from "./finish-page.ts";
import { hasPreviewToken } from "./has-preview-token.ts";
import { isRewritable } from "./is-rewritable.ts";
import { looksLikePage } from "./looks-like-page.ts";
import { pageCharset } from "./page-charset.ts";
import { isUpgrade } from "./origin-request.ts";
import { tagged } from "./page-headers.ts";
import { requestContext } from "./request-context.ts";
import { startDecision, type PageOutcome } from "./start-decision.ts";
import { unreadableCoding } from "./unreadable-coding.ts";
import { withBudget } from "./with-budget.ts";

/**
 * The hot path for every request outside /__waymark/: proxy to the origin, and for HTML pages decide (one
 * Durable Object round trip, in parallel with the origin fetch, within a latency budget) and rewrite as the page
 * streams. Anything Waymark cannot improve passes through as the origin sent it; a Waymark fault never costs
 * the page.
 */
export async function handlePage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const config = getConfig(env);
  // A WebSocket upgrade is not a page: straight through (no decision, no cookie), the 101 and its socket untouched.
  if (!config.personalization || request.method !== "GET" || isUpgrade(request))
    return (await fetchOrigin(request, url, env)).response;
  // Misconfigured (logged once, naming the variable): the site keeps working, unpersonalized.
  if (config.problems.length) return tagged((await fetchOrigin(request, url, env)).response, "error");
  if (isBot(request.headers.get("user-agent"))) return tagged((await fetchOrigin(request, url, env)).response, "bot");

  let cookies: Record<string, string> = {};
  let start: (() => Promise<PageOutcome>) | null = null;
  let cookieId: string | null = null;
  try {
    const who = requestVisitor(request, env, url);
    cookies = who.cookies;
    const mode = who.mode;
    const visitorId = mode === "full" ? (who.visitorId ?? newVisitorId()) : null;
    cookieId = visitorId;
    const preview = hasPreviewToken(request, cookies)
      ? readPreview(request, env, cookies).catch(() => null)
      : Promise.resolve(null);
    const reqCtx = requestContext(request, url, cookies);
    start = () => startDecision({ env, ctx, reqCtx, mode, visitorId, preview, origin: url.origin });
  } catch {
    start = null;
  }

  let startedAt = Date.now();
  // Navigations start deciding at once; other GETs wait to see the origin answer HTML first.
  let decision = start && looksLikePage(request, url) ? start() : null;
  decision?.catch(() => {});
  const origin = await fetchOrigin(request, url, env);
  if (!origin.reached || !start || !isRewritable(origin.response)) return origin.response;
  const coding = unreadableCoding(origin.response);
  if (coding) return tagged(origin.response, "unsupported", `content-encoding ${coding}`);
  // Browsers decode a page without a charset in its Content-Type with its <meta> charset: so does the rewriter.
  const page = await pageCharset(origin.response);
  const res = page.response;
  if (page.kind === "unsupported") return tagged(res, "unsupported", `charset ${page.charset}`);
  const charset = page.kind === "meta" ? page.charset : undefined;
  if (!decision) {
    startedAt = Date.now();
    decision = start();
  }
  const outcome = await withBudget(decision, startedAt, config.decisionBudgetMs);
  try {
    const sharedPreview = !request.headers.has(PREVIEW_HEADER);
    return finishPage(res, outcome, { url, env, cookieId, charset, sharedPreview });
  } catch {
    // Only reachable before the body was handed to the rewriter: the page as the origin sent it.
    return tagged(res, "error");
  }
}
