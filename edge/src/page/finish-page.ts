import { visitorCookie } from "../identity/visitor-cookie.ts";
import { cspNonce } from "../rewrite/csp-nonce.ts";
import { previewBar } from "../rewrite/preview-bar.ts";
import { rewritePage } from "../rewrite/rewrite-page.ts";
import { pageAnswer } from "./page-answer.ts";
import { rewrittenHeaders, tagged } from "./page-headers.ts";
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
  /** The preview, if any, came from a shared link (the wm_preview cookie), not the extension's header. */
  sharedPreview?: boolean;
}

/** Applies the decision (or its absence) to the origin's HTML page: redirect, or rewrite while streaming. */
export function finishPage(res: Response, outcome: Budgeted<PageOutcome>, input: FinishInput): Response {
  if (outcome.kind === "ok" && outcome.value.kind === "optout") return tagged(res, "optout");
  const { label, decision, preview, redirect, manifest } = pageAnswer(outcome, input.url, input.env);

  // A preview decides on a sandbox: the real visitor's cookie is neither needed nor refreshed.
  const cookieId = preview ? null : input.cookieId;
  if (redirect) {
    void res.body?.cancel().catch(() => {});
    const h = rewrittenHeaders(new Headers(), label, outcome.ms);
    h.set("location", redirect.url);
    if (cookieId) h.append("set-cookie", visitorCookie(cookieId, input.url, input.env));
    return new Response(null, { status: redirect.status === 307 ? 307 : 302, headers: h });
  }

  const rewritten = rewritePage(res, {
    actions: manifest.applied,
    manifest,
    nonce: cspNonce(res.headers.get("content-security-policy")),
    ...(input.charset ? { charset: input.charset } : {}),
    // With the trace (X-Waymark-Trace) goes what each action matched on the page: previews only, never visitors.
    ...(preview ? { reportMatches: true } : {}),
    // A colleague on a shared link sees that this is a preview, and how to leave it.
    ...(preview && input.sharedPreview ? { previewBar: previewBar(decision?.trace) } : {}),
  });
  const h = rewrittenHeaders(res.headers, label, outcome.ms);
  if (cookieId) h.append("set-cookie", visitorCookie(cookieId, input.url, input.env));
  if (preview && decision?.trace) setTraceHeader(h, decision.trace);
  return new Response(rewritten.body, { status: res.status, statusText: res.statusText, headers: h });
}
