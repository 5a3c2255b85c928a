import { isSameSiteUrl } from "@waymark/shared/engine/is-same-site-url.ts";
import { checkSelector } from "@waymark/shared/selectors/check-selector.ts";
import { SelectorTestBody, type SelectorTestResult } from "@waymark/shared/selectors/selector-test.ts";
import { getConfig } from "../../config.ts";
import { parseOr400, ValidationError } from "../../http/errors.ts";
import { json, readJson } from "../../http/json.ts";
import type { WaymarkRouter } from "../../http/route-request.ts";
import { fetchOrigin } from "../../page/fetch-origin.ts";

/** "Test on a page" (dashboard, extension): the selector run by the edge's own HTMLRewriter on the origin's page. */
export function registerSelectorTestRoute(router: WaymarkRouter): void {
  router.post("/__waymark/api/selector-test", async (req, env) => {
    const body = parseOr400(SelectorTestBody, await readJson(req), "invalid selector test");
    const target = siteUrl(body.url, new URL(req.url), getConfig(env).originUrl);
    const answer = (r: SelectorTestResult) => json(r);
    const check = checkSelector(body.selector);
    if (!check.ok) return answer({ supported: false, matches: null, message: check.message });

    // As the Worker fetches a page for an anonymous visitor: no cookies, no redirects followed.
    const page = new Request(target, { headers: { accept: "text/html" } });
    const { response, reached } = await fetchOrigin(page, target, env);
    const status = response.status;
    const type = response.headers.get("content-type") ?? "";
    if (!reached || status !== 200 || !/^\s*text\/html\b/i.test(type)) {
      void response.body?.cancel().catch(() => {});
      const why = !reached
        ? "the origin could not be reached"
        : status !== 200
          ? `the page answered HTTP ${status}`
          : `the page is ${type || "not HTML"}`;
      return answer({ supported: true, matches: null, status, message: why });
    }
    let matches = 0;
    const counted = new HTMLRewriter().on(body.selector, {
      element() {
        matches++;
      },
    });
    // Consumed to the end without keeping it: only the count is wanted.
    await counted.transform(response).body?.pipeTo(new WritableStream());
    return answer({ supported: true, matches, status });
  });
}

/** The page's URL on this site: a path, or an absolute URL on the site's or the origin's host; else a 400. */
function siteUrl(raw: string, request: URL, originUrl: string): URL {
  let originHost: string | null = null;
  try {
    originHost = originUrl ? new URL(originUrl).host : null;
  } catch {
    originHost = null;
  }
  if (!isSameSiteUrl(raw, request.host) && !(originHost && isSameSiteUrl(raw, originHost)))
    throw new ValidationError("invalid selector test", [
      { path: ["url"], message: `must be a path or a URL on this site (${request.host})` },
    ]);
  const parsed = new URL(raw, request);
  return new URL(`${parsed.pathname}${parsed.search}`, request.origin);
}
