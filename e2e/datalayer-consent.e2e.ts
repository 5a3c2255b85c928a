import { createServer, type Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTcString } from "../edge/test/support/tcf-encoder.ts";
import { artifactsDir, launchBrowser } from "./support/browser.ts";
import { freePort, startWaymark, TEST_ADMIN_TOKEN, type RunningWaymark } from "./support/start-waymark.ts";

// Issue 17 in Chromium, through a Worker (CONSENT_MODE=required, the seed journeys) in front of a shop of our own
// whose pages never call Waymark: they only push GA4 ecommerce events to the dataLayer, and carry the consent
// signals a real site has (a TCF CMP's __tcfapi, Google Consent Mode).

const shots = artifactsDir("datalayer-consent");
const PACK = { item_id: "summit-daypack", item_name: "Summit Daypack 24L", price: 89, quantity: 1 };
const GRANT = encodeTcString({ purposes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
const DENY = encodeTcString({ purposes: [1, 2] });

const GTAG =
  "<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); }</script>";
const page = (head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${GTAG}${head}</head>` +
  `<body><h1>Shop</h1>${body}</body></html>`;
const ADD = `<button id="add" onclick='gtag("event", "add_to_cart", ${JSON.stringify({ currency: "EUR", value: 89, items: [PACK] })})'>Add</button>`;

// A TCF CMP's API, answering with the TC string the test put in window.__tc (as a CMP does once the visitor chose).
const TCFAPI =
  "<script>window.__tcfapi = function (cmd, version, cb) { if (cmd === 'addEventListener') " +
  "cb({ tcString: window.__tc, eventStatus: 'tcloaded', gdprApplies: true, listenerId: 1 }, true); };</script>";

const PAGES: Record<string, string> = {
  // view_item pushed GTM-style before the beacon loads (replayed), add_to_cart with gtag() on the click.
  "/product": page(
    `<script>dataLayer.push({ event: "view_item", ecommerce: ${JSON.stringify({ currency: "EUR", value: 89, items: [PACK] })} });</script>`,
    ADD,
  ),
  // The order confirmation pushes the purchase twice (gtag and GTM both): it counts once.
  "/thanks": page(
    "",
    `<p>Thank you</p><script>var p = ${JSON.stringify({ transaction_id: "T-1042", value: 89, currency: "EUR", items: [PACK] })};` +
      `gtag("event", "purchase", p); dataLayer.push({ event: "purchase", ecommerce: p });</script>`,
  ),
  "/tcf": page(TCFAPI, ADD),
  // Consent Mode v2: denied by default; the banner's Accept updates it.
  "/consent-mode": page(
    `<script>gtag("consent", "default", { analytics_storage: "denied", ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied" });</script>`,
    `${ADD}<button id="accept" onclick='gtag("consent", "update", { analytics_storage: "granted", ad_storage: "granted" })'>Accept</button>`,
  ),
};

let origin: Server;
let waymark: RunningWaymark;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  origin = createServer((req, res) => {
    const html = PAGES[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => origin.listen(port, "127.0.0.1", resolve));
  waymark = await startWaymark({
    ORIGIN_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO_JOURNEYS: "true",
    CONSENT_MODE: "required",
    DECISION_BUDGET_MS: "5000",
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await waymark?.stop();
  await new Promise((r) => origin?.close(r));
});

type Me = {
  visitorId: string | null;
  stored?: boolean;
  eventCount: number;
  cart?: { count: number; lastItem: { name: string } | null };
  journeys?: Record<string, { stage: string; holdout?: boolean; branch?: string }>;
  events?: { type: string }[];
};
const me = async (ctx: BrowserContext) => (await (await ctx.request.get(`${waymark.url}/__waymark/me`)).json()) as Me;

async function context(cookies: Record<string, string> = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  const host = new URL(waymark.url).hostname;
  await ctx.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, domain: host, path: "/" })));
  return ctx;
}

async function open(ctx: BrowserContext, path: string): Promise<Page> {
  const p = await ctx.newPage();
  await p.goto(waymark.url + path);
  await p.waitForFunction(() => (window as unknown as { waymark?: { __wm?: boolean } }).waymark?.__wm === true);
  return p;
}

/**
 * The beacon's next consent report (its body), once the edge has answered it: the wm_fwconsent cookie it sets
 * ("1" granted, "0" refused). Read from the request and the cookie jar: Chromium does not hand a keepalive
 * request's response body to the test.
 */
async function consentReported(ctx: BrowserContext, p: Page, act: () => Promise<unknown>, verdict: "1" | "0") {
  const req = p.waitForRequest((r) => r.url() === `${waymark.url}/__waymark/consent`);
  await act();
  const sent = JSON.parse((await req).postData() ?? "{}");
  await (await req).response();
  const fw = async () => (await ctx.cookies()).find((c) => c.name === "wm_fwconsent")?.value;
  await expect.poll(fw).toBe(verdict);
  return sent;
}

/** Has the beacon's batch with `type` been answered? (What it stored is read from GET /__waymark/me.) */
async function sent(p: Page, type: string, act: () => Promise<unknown>) {
  const req = p.waitForRequest(
    (r) => r.url() === `${waymark.url}/__waymark/events` && (r.postData() ?? "").includes(`"type":"${type}"`),
  );
  await act();
  expect((await (await req).response())?.status()).toBe(200);
}

async function advance(visitorId: string, by: string) {
  const res = await fetch(`${waymark.url}/__waymark/api/visitors/${visitorId}/advance-time`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ by }),
  });
  expect(res.status).toBe(200);
}

describe("a page that only pushes GA4 events to the dataLayer", () => {
  it("gets the abandoned-cart banner after the idle window, and loses it after a purchase", async () => {
    // The seed journey holds 10% out (no banner): try visitors until one is in a branch.
    for (let attempt = 0; attempt < 10; attempt++) {
      const ctx = await context({ wm_consent: "yes" });
      const p = await open(ctx, "/product");
      await sent(p, "add_to_cart", () => p.click("#add"));
      const before = await me(ctx);
      // view_item was pushed before the beacon loaded: replayed; add_to_cart filled the cart.
      expect(before.events?.map((e) => e.type)).toEqual(expect.arrayContaining(["view_item", "add_to_cart"]));
      expect(before.cart).toMatchObject({ count: 1, lastItem: { name: "Summit Daypack 24L" } });
      expect(before.journeys?.["abandoned-cart"]?.stage).toBe("carting");

      await advance(before.visitorId!, "31m");
      const state = (await me(ctx)).journeys!["abandoned-cart"];
      expect(state.stage).toBe("abandoned");
      if (state.holdout) {
        await ctx.close();
        continue;
      }
      const back = await p.reload();
      expect(await back!.text()).toMatch(/class="wm-banner"[^<]*Summit Daypack 24L/);
      await expect.poll(() => p.locator(".wm-banner").count()).toBe(1);
      await p.screenshot({ path: `${shots}abandoned-cart-from-datalayer.png` });

      // The confirmation page pushes the purchase twice: one purchase reaches the visitor, the journey ends.
      const thanks = await ctx.newPage();
      await sent(thanks, "purchase", () => thanks.goto(`${waymark.url}/thanks`));
      const after = await me(ctx);
      expect(after.journeys?.["abandoned-cart"]?.stage).toBe("purchased");
      expect(after.cart?.count).toBe(0);
      expect(after.events?.filter((e) => e.type === "purchase")).toHaveLength(1);
      // A reload of the confirmation (the same transaction again) is dropped by the event id.
      await sent(thanks, "purchase", () => thanks.reload());
      expect((await me(ctx)).events?.filter((e) => e.type === "purchase")).toHaveLength(1);

      const html = await (await p.reload())!.text();
      expect(html).not.toContain('class="wm-banner"');
      expect(await p.locator(".wm-banner").count()).toBe(0);
      await ctx.close();
      return;
    }
    throw new Error("every visitor tried was in the holdout");
  }, 120_000);
});

describe("consent frameworks (CONSENT_MODE=required)", () => {
  it("a TC string from __tcfapi granting the configured purposes lets state be stored", async () => {
    const ctx = await context();
    await ctx.addInitScript((tc) => ((window as unknown as { __tc: string }).__tc = tc), GRANT);
    const p = await ctx.newPage();
    expect(await consentReported(ctx, p, () => p.goto(`${waymark.url}/tcf`), "1")).toEqual({ tcf: GRANT });
    await sent(p, "add_to_cart", () => p.click("#add"));
    const stored = await me(ctx);
    expect(stored.visitorId).not.toBeNull();
    expect(stored.cart?.count).toBe(1);
    await ctx.close();
  });

  it("one denying them stores nothing", async () => {
    const ctx = await context();
    await ctx.addInitScript((tc) => ((window as unknown as { __tc: string }).__tc = tc), DENY);
    const p = await ctx.newPage();
    expect(await consentReported(ctx, p, () => p.goto(`${waymark.url}/tcf`), "0")).toEqual({ tcf: DENY });
    await sent(p, "add_to_cart", () => p.click("#add"));
    expect(await me(ctx)).toMatchObject({ visitorId: null, eventCount: 0 });
    expect((await ctx.cookies()).some((c) => c.name === "wm_vid")).toBe(false);
    await ctx.close();
  });

  it("the euconsent-v2 cookie decides at the edge, before any script runs", async () => {
    for (const [tc, stores] of [
      [GRANT, true],
      [DENY, false],
    ] as const) {
      const ctx = await context({ "euconsent-v2": tc });
      const res = await (await ctx.newPage()).goto(`${waymark.url}/product`);
      await res!.text();
      const cookies = (await ctx.cookies()).map((c) => c.name);
      expect(cookies.includes("wm_vid")).toBe(stores);
      expect((await me(ctx)).visitorId !== null).toBe(stores);
      await ctx.close();
    }
  });

  it("Consent Mode denied -> granted starts storage; withdrawing erases it", async () => {
    const ctx = await context();
    const p = await ctx.newPage();
    const first = await consentReported(ctx, p, () => p.goto(`${waymark.url}/consent-mode`), "0");
    expect(first).toEqual({ consentMode: { analytics_storage: "denied" } });
    await sent(p, "add_to_cart", () => p.click("#add"));
    expect(await me(ctx)).toMatchObject({ visitorId: null, eventCount: 0 });

    expect(await consentReported(ctx, p, () => p.click("#accept"), "1")).toEqual({
      consentMode: { analytics_storage: "granted" },
    });
    await sent(p, "add_to_cart", () => p.click("#add"));
    const stored = await me(ctx);
    expect(stored.visitorId).not.toBeNull();
    expect(stored.cart?.count).toBe(1);
    await p.screenshot({ path: `${shots}consent-mode-granted.png` });

    // The visitor changes their mind: the update to denied erases what was stored, as an opt-out does.
    const withdraw = () =>
      p.evaluate(() =>
        (window as unknown as { gtag: (...a: unknown[]) => void }).gtag("consent", "update", {
          analytics_storage: "denied",
        }),
      );
    expect(await consentReported(ctx, p, withdraw, "0")).toEqual({ consentMode: { analytics_storage: "denied" } });
    expect((await ctx.cookies()).some((c) => c.name === "wm_vid")).toBe(false);
    expect(await me(ctx)).toMatchObject({ visitorId: null, eventCount: 0 });
    await ctx.close();
  });
});
