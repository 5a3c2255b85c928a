import { browser } from "wxt/browser";
import { badgeText, badgeTitle } from "../lib/badge-text.ts";
import { PREVIEW_RULE_ID, previewRule } from "../lib/preview-rule.ts";
import { sameOrigin } from "../lib/site-origin.ts";
import { sandboxVisitorId, tokenClaims } from "../lib/token-claims.ts";
import { previewItem, sampleCartItem } from "../storage/items.ts";
import type { ActivePreview } from "../storage/schemas.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";
import { clientFor, siteForUrl } from "./sites.ts";

export const EXPIRY_ALARM = "waymark-preview-expiry";

export interface ForceRequest {
  journey: string;
  stage?: string;
  branch?: string;
  version: "draft" | number;
}

/**
 * Asks the tab's Waymark site for a preview token forcing `req`, and reads its claims. When a stage is forced, the
 * token's sandbox visitor gets the sample cart first (a forced "abandoned" stage with an empty cart would show what
 * no real visitor in that stage sees). The sandbox is per token, so a shared link shows the same cart.
 */
export async function issuePreview(tabUrl: string | undefined, req: ForceRequest, deps: BackgroundDeps) {
  const site = await siteForUrl(tabUrl);
  if (!site) throw new BackgroundError("this tab is not on a configured Waymark site");
  const client = clientFor(site, deps);
  const res = await client.createPreviewToken({
    journey: req.journey,
    ...(req.stage ? { stage: req.stage } : {}),
    ...(req.branch ? { branch: req.branch } : {}),
    version: req.version,
  });
  const claims = tokenClaims(res.token);
  if (!claims) throw new BackgroundError("Waymark answered with a preview token the extension cannot read");
  const sample = await sampleCartItem.get();
  if (req.stage && sample.enabled) {
    const id =
      sample.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .slice(0, 60) || "sample";
    await client.sendVisitorEvents(sandboxVisitorId(claims), [
      { type: "add_to_cart", data: { id, name: sample.name, price: sample.price, quantity: 1 } },
    ]);
  }
  const preview: ActivePreview = {
    origin: site.origin,
    journey: req.journey,
    ...(req.stage ? { stage: req.stage } : {}),
    ...(req.branch ? { branch: req.branch } : {}),
    version: req.version,
    token: res.token,
    jti: claims.jti,
    expiresAt: res.expiresAt,
    link: res.link,
    startedAt: deps.now(),
  };
  return preview;
}

/**
 * Puts a preview in force: the session rule (header on requests to that origin only, replacing any earlier preview
 * in one atomic update), the stored description, the badge, and an alarm that ends it when the token expires.
 */
export async function applyPreview(preview: ActivePreview): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [PREVIEW_RULE_ID],
    addRules: [previewRule(preview.origin, preview.token)],
  });
  await previewItem.set(preview);
  await showBadge(preview);
  const when = Date.parse(preview.expiresAt);
  if (Number.isFinite(when)) await browser.alarms.create(EXPIRY_ALARM, { when });
}

/** Forces what `req` asks on the tab's site and reloads the tab so the page comes back previewed. */
export async function startPreview(tabId: number, req: ForceRequest, deps: BackgroundDeps): Promise<ActivePreview> {
  const tab = await browser.tabs.get(tabId);
  const preview = await issuePreview(tab?.url, req, deps);
  await applyPreview(preview);
  await browser.tabs.reload(tabId);
  return preview;
}

/** Ends the preview: no rule, no stored token, no badge; reloads `tabId` (when on that site) to browse normally. */
export async function stopPreview(opts: { tabId?: number; reload: boolean }): Promise<void> {
  const preview = await previewItem.get();
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [PREVIEW_RULE_ID] });
  await previewItem.clear();
  await browser.alarms.clear(EXPIRY_ALARM);
  await showBadge(null);
  if (opts.reload && opts.tabId !== undefined && preview) {
    const tab = await browser.tabs.get(opts.tabId);
    if (sameOrigin(tab?.url, preview.origin)) await browser.tabs.reload(opts.tabId);
  }
}

/**
 * Makes the rule, the stored preview and the badge agree after the service worker (re)starts: session rules and
 * session storage share a lifetime, but a crash between two writes, or an expired token, must not leave a stray
 * header riding on every request.
 */
export async function reconcilePreview(now: number): Promise<void> {
  const preview = await previewItem.get();
  if (!preview || Date.parse(preview.expiresAt) <= now) {
    await stopPreview({ reload: false });
    return;
  }
  const rules = await browser.declarativeNetRequest.getSessionRules();
  const rule = rules.find((r) => r.id === PREVIEW_RULE_ID);
  const header = rule?.action.requestHeaders?.[0]?.value;
  if (header !== preview.token) await applyPreview(preview);
  else await showBadge(preview);
}

async function showBadge(preview: ActivePreview | null): Promise<void> {
  await browser.action.setBadgeText({ text: badgeText(preview) });
  await browser.action.setTitle({ title: badgeTitle(preview) });
  if (preview) await browser.action.setBadgeBackgroundColor({ color: "#6d28d9" });
}
