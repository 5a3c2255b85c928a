import type { AppliedAction, PageManifest } from "@waymark/shared";
import { isSameSiteUrl } from "@waymark/shared/engine/is-same-site-url.ts";
import { getConfig } from "../config.ts";
import { visitorCookie } from "../identity/visitor-cookie.ts";
import { cspNonce } from "../rewrite/csp-nonce.ts";
import { rewritePage } from "../rewrite/rewrite-page.ts";
import type { PageDecision } from "../visitor/visitor-rpc.ts";
import { rewrittenHeaders, tagged, type WaymarkOutcome } from "./page-headers.ts";
import type { PageOutcome } from "./start-decision.ts";
import { setTraceHeader } from "./trace-header.ts";
import type { Budgeted } from "./with-budget.ts";

export interface FinishInput {
  url: URL;
  env: Env;
  /** Set (or refresh) the wm_vid cookie with this id. */
  cookieId: string | null;
  /** The page's charset when a <meta> declares a legacy one (page-charset.ts); absent: UTF-8. */
  charset?: string;
}

/** Applies the decision (or its absence) to the origin's HTML page: redirect, or rewrite while streaming. */
export function finishPage(res: Response, outcome: Budgeted<PageOutcome>, input: FinishInput): Response {
  if (outcome.kind === "ok" && outcome.value.kind === "optout") return tagged(res, "optout");
  let decision: PageDecision | null = null;
  let preview = false;
  let version = 0;
  if (outcome.kind === "ok") {
    if (outcome.value.kind === "decided") {
      decision = outcome.value.decision;
      preview = outcome.value.preview;
      version = decision.version;
    } else if (outcome.value.kind === "skipped") version = outcome.value.version;
  }
  const label: WaymarkOutcome =
    outcome.kind !== "ok"
      ? outcome.kind
      : preview
        ? "preview"
        : decision?.actions.length
          ? "personalized"
          : "passthrough";

  // A preview decides on a sandbox: the real visitor's cookie is neither needed nor refreshed.
  const cookieId = preview ? null : input.cookieId;
  const redirect = decision?.redirect;
  if (redirect && isSafeRedirect(redirect.url, input.url)) {
    void res.body?.cancel().catch(() => {});
    const h = rewrittenHeaders(new Headers(), label, outcome.ms);
    h.set("location", redirect.url);
    if (cookieId) h.append("set-cookie", visitorCookie(cookieId, input.url, input.env));
    return new Response(null, { status: redirect.status === 307 ? 307 : 302, headers: h });
  }

  const applied: AppliedAction[] = [];
  const nudges: AppliedAction[] = [];
  for (const a of decision?.actions ?? []) {
    if (a.action.type === "nudge") nudges.push(a);
    else if (a.action.type !== "redirect") applied.push(a);
  }
  const config = getConfig(input.env).beacon;
  const extras = decision?.extras;
  const manifest: PageManifest = {
    version,
    applied,
    nudges,
    config,
    ...(preview ? { preview: true } : {}),
    ...(extras?.track ? { track: extras.track } : {}),
    // Only for an export the site switched on (never on a preview: QA must not reach the site's analytics).
    ...(extras?.exposures && !preview && (config.dataLayer || config.segment) ? { exposures: extras.exposures } : {}),
  };
  const rewritten = rewritePage(res, {
    actions: applied,
    manifest,
    nonce: cspNonce(res.headers.get("content-security-policy")),
    ...(input.charset ? { charset: input.charset } : {}),
  });
  const h = rewrittenHeaders(res.headers, label, outcome.ms);
  if (cookieId) h.append("set-cookie", visitorCookie(cookieId, input.url, input.env));
  if (preview && decision?.trace) setTraceHeader(h, decision.trace);
  return new Response(rewritten.body, { status: res.status, statusText: res.statusText, headers: h });
}

/** Same site, and not the page itself (a redirect to where the visitor already is would loop). */
function isSafeRedirect(url: string, current: URL): boolean {
  if (!isSameSiteUrl(url, current.host)) return false;
  const target = new URL(url, current);
  return target.pathname !== current.pathname || target.search !== current.search;
}
