import type { AppliedAction, PageManifest } from "@waymark/shared";
import { actionHandler } from "./action-handler.ts";
import { asciiJson, headTags } from "./head-tags.ts";
import { countingMatches, matchesTag } from "./page-matches.ts";
import { isEarlyAction } from "./is-early-action.ts";
import { rewriteUntil } from "./rewrite-until.ts";

/**
 * Below this size (when the origin declares one) the whole page goes through the rewriter: the stream plumbing
 * of an early stop costs more than parsing a small page. Measured (bench A/B, shop listing page, CPU per request):
 * early stop +0.25 ms at 50 KB, +0.17 ms at 100 KB, even at 200-400 KB, -0.5 ms at 1 MB (docs/benchmarks.md).
 */
export const EARLY_STOP_MIN_BYTES = 256 * 1024;

export interface RewriteInput {
  /** Page actions to apply (nudges and redirects are not HTML changes). */
  actions: AppliedAction[];
  manifest: PageManifest;
  /** Nonce from the page's CSP header; when absent, the first <script nonce> of the page is reused. */
  nonce: string | null;
  /**
   * The page's charset when it is not UTF-8 (declared only in a <meta>, see page/page-charset.ts): the rewriter
   * parses the page in it and writes insertions in it (characters it lacks as numeric references); the manifest,
   * JSON in a script where references are not decoded, is kept ASCII with \u escapes.
   */
  charset?: string;
  /**
   * Preview and trace requests only, never ordinary visitors: count the elements each action's selector matched and
   * append them to the document (page-matches.ts), so the Why views can tell "decided" from "matched N elements".
   */
  reportMatches?: boolean;
  /** A shared preview link's bar (preview-bar.ts), appended to the <body> (or the document). */
  previewBar?: string;
}

/**
 * Applies the decision to the page while it streams: one element handler per action, and the manifest +
 * beacon tags at the end of <head> (or the start of <body>, or the end of the document when there is neither).
 * A selector HTMLRewriter rejects is skipped: one bad action never costs the page. So is an action whose content
 * would land inside a raw-text element (refusedAt: <script>, <style>, <textarea>...), at that element. When every edit is done by
 * the <body> start tag (a banner prepended to <body>, the usual case), the rest of a large page is not parsed.
 * Returns the response with the new body (same status and headers: the caller decides on headers).
 */
export function rewritePage(response: Response, input: RewriteInput): Response {
  const rewriter = new HTMLRewriter();
  const counts = input.reportMatches ? countingMatches() : null;
  for (const a of input.actions) {
    const h = actionHandler(a);
    if (!h) continue;
    try {
      rewriter.on(h.selector, counts ? counts.wrap(a, h.handler) : h.handler);
    } catch {
      // Unsupported selector: skipped (the trace in previews shows the action; the page is unaffected).
    }
  }
  let nonce = input.nonce;
  let injected = false;
  const inject = () => {
    injected = true;
    const tags = headTags(input.manifest, nonce);
    return input.charset ? asciiJson(tags) : tags;
  };
  if (!nonce)
    rewriter.on("script[nonce]", {
      element(el) {
        nonce ??= el.getAttribute("nonce");
      },
    });
  rewriter.on("head", {
    element(el) {
      el.onEndTag((end) => {
        if (!injected) end.before(inject(), { html: true });
      });
    },
  });
  let bodySeen = false;
  let barPlaced = false;
  rewriter.on("body", {
    element(el) {
      bodySeen = true;
      if (!injected) el.prepend(inject(), { html: true });
      if (input.previewBar && !barPlaced) {
        barPlaced = true;
        el.append(input.previewBar, { html: true });
      }
    },
  });
  rewriter.onDocument({
    end(end) {
      if (!injected) end.append(inject(), { html: true });
      if (input.previewBar && !barPlaced) end.append(input.previewBar, { html: true });
      // Last, when every handler has run: the counts are final (and no early stop cut the page short, below).
      if (counts) end.append(matchesTag(counts.result()), { html: true });
    },
  });
  // A legacy charset: the rewriter learns it from the Content-Type it is given (the page's own may name none).
  // No early stop (rewriteUntil parses as UTF-8); such pages are rare.
  if (input.charset)
    return rewriter.transform(
      new Response(response.body, { headers: { "content-type": `text/html; charset=${input.charset}` } }),
    );
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const small = Number.isFinite(declared) && declared < EARLY_STOP_MIN_BYTES;
  if (small || counts || input.previewBar || !input.actions.every(isEarlyAction)) return rewriter.transform(response);
  return new Response(
    rewriteUntil(response.body!, rewriter, () => bodySeen && injected),
    response,
  );
}
