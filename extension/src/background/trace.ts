import { browser } from "wxt/browser";
import { withPageMatches } from "@waymark/shared/selectors/with-page-matches.ts";
import { parsePageMatches, readPageMatchesText } from "../lib/page-matches.ts";
import { decodeTraceHeader } from "../lib/trace-header.ts";
import { sameOrigin } from "../lib/site-origin.ts";
import { sandboxVisitorId } from "../lib/token-claims.ts";
import type { TraceResult } from "../messaging/protocol.ts";
import { previewItem } from "../storage/items.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";
import { clientFor, siteForUrl } from "./sites.ts";
import { tabPage } from "./tab-pages.ts";

const VISITOR_ID = /^[A-Za-z0-9_-]{22,32}$/;

/**
 * Why the current page looks the way it does. On a previewed load the edge sent the trace itself
 * (X-Waymark-Trace); otherwise the admin API decides for this URL without side effects, as the tab's own visitor
 * (its wm_vid cookie) or, while previewing, as the sandbox visitor.
 */
export async function traceFor(tabId: number, deps: BackgroundDeps): Promise<TraceResult> {
  const tab = await browser.tabs.get(tabId);
  const url = tab?.url;
  const site = await siteForUrl(url);
  if (!url || !site) throw new BackgroundError("this tab is not on a configured Waymark site");
  const page = await tabPage(tabId);
  const served = page && page.url === url ? page : null;
  const preview = await previewItem.get();
  const previewing = preview && sameOrigin(url, preview.origin) ? preview : null;

  const headerTrace = decodeTraceHeader(served?.trace);
  if (headerTrace && previewing) {
    // What each action matched as the edge streamed the page (the counts it appended): decided vs. happened.
    const matches = await pageMatchesOf(tabId);
    return {
      url,
      source: "header",
      outcome: served?.outcome ?? null,
      trace: matches ? withPageMatches(headerTrace, matches) : headerTrace,
      actions: [],
      visitorId: sandboxVisitorId(previewing),
    };
  }

  let visitorId: string | null = null;
  if (!previewing) {
    const cookie = await browser.cookies.get({ url, name: "wm_vid" }).catch(() => null);
    if (cookie && VISITOR_ID.test(cookie.value)) visitorId = cookie.value;
  }
  const decision = await clientFor(site, deps).decide({
    url,
    ...(previewing ? { preview: previewing.token } : {}),
    ...(visitorId ? { visitorId } : {}),
  });
  return {
    url,
    source: "decide",
    outcome: served?.outcome ?? null,
    trace: decision.trace,
    actions: decision.actions,
    visitorId: previewing ? sandboxVisitorId(previewing) : visitorId,
  };
}

/** The match counts the edge appended to the tab's previewed page, or null (not there, or the tab went away). */
async function pageMatchesOf(tabId: number) {
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, func: readPageMatchesText });
    return parsePageMatches(first?.result);
  } catch {
    return null;
  }
}
