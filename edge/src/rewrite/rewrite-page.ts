import type { AppliedAction, PageManifest } from "@waymark/shared";
import { actionHandler } from "./action-handler.ts";
import { headTags } from "./head-tags.ts";

export interface RewriteInput {
  /** Page actions to apply (nudges and redirects are not HTML changes). */
  actions: AppliedAction[];
  manifest: PageManifest;
  /** Nonce from the page's CSP header; when absent, the first <script nonce> of the page is reused. */
  nonce: string | null;
}

/**
 * Applies the decision to the page while it streams: one element handler per action, and the manifest +
 * beacon tags at the end of <head> (or the start of <body>, or the end of the document when there is neither).
 * A selector HTMLRewriter rejects is skipped: one bad action never costs the page.
 */
export function rewritePage(response: Response, input: RewriteInput): Response {
  const rewriter = new HTMLRewriter();
  for (const a of input.actions) {
    const h = actionHandler(a, () => {});
    if (!h) continue;
    try {
      rewriter.on(h.selector, h.handler);
    } catch {
      // Unsupported selector: skipped (the trace in previews shows the action; the page is unaffected).
    }
  }
  let nonce = input.nonce;
  let injected = false;
  const inject = () => {
    injected = true;
    return headTags(input.manifest, nonce);
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
  rewriter.on("body", {
    element(el) {
      if (!injected) el.prepend(inject(), { html: true });
    },
  });
  rewriter.onDocument({
    end(end) {
      if (!injected) end.append(inject(), { html: true });
    },
  });
  return rewriter.transform(response);
}
