import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";
import { startWaymark, TEST_ADMIN_TOKEN, type RunningWaymark } from "./support/start-waymark.ts";

// Events without code (issue 15) and the exposure exports (issue 14), in Chromium against `wrangler dev` and the
// demo shop: a click rule on a shop link moves a journey, a data-wm-track link inside an inserted banner reports
// its event, data-wm-dismiss removes the banner for good, and dataLayer / Segment get each exposure when switched on.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("tracking");

type Journeys = Record<string, { stage: string; exitedAt: number | null; dismissedAt: number | null }>;
type Win = { waymark?: { __wm?: boolean }; dataLayer?: Record<string, unknown>[]; __segment?: unknown[][] };

const CLICK = {
  id: "e2e-click-rule",
  name: "E2E: click rule",
  stages: [{ id: "looking" }, { id: "shopping" }],
  start: "looking",
  transitions: [{ from: "looking", to: "shopping", on: "shop_cta_clicked" }],
  // The home page's "Shop the collection" link: it navigates away at once, so the event must outlive the page.
  track: [{ on: "click", selector: "a.button.light", event: "shop_cta_clicked", id: "shop-cta" }],
};
const BANNER_HTML =
  '<div class="wm-e2e-banner">Free returns for 60 days. <a href="#faq-2" data-wm-track="returns_banner_clicked">How?</a>' +
  ' <button type="button" data-wm-dismiss aria-label="Dismiss">&times;</button></div>';
const bannerJourney = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `E2E: ${id}`,
  stages: [{ id: "on" }],
  start: "on",
  when: [{ type: "path", glob: "/faq" }],
  actions: [{ id: "returns", type: "insert", selector: "main h1", position: "after", html: BANNER_HTML }],
  ...extra,
});
const BANNER = bannerJourney("e2e-banner");

async function admin(site: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${site}/__waymark/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${site === base ? token : TEST_ADMIN_TOKEN}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function publish(site: string, journeys: { id: string }[], note: string) {
  for (const j of journeys) expect([200, 201]).toContain((await admin(site, "PUT", `/journeys/${j.id}`, j)).status);
  expect([200, 201]).toContain((await admin(site, "POST", "/publish", { note })).status);
}

async function unpublish(site: string, ids: string[]) {
  for (const id of ids) await admin(site, "DELETE", `/journeys/${id}`);
  await admin(site, "POST", "/publish", { note: "e2e: tracking cleanup" });
}

/** The published version reaches each isolate's cache within seconds: wait until a page shows `marker`. */
async function live(url: string, marker: string) {
  const deadline = Date.now() + 60_000;
  while (!(await (await fetch(url)).text()).includes(marker)) {
    if (Date.now() > deadline) throw new Error(`${url} never showed ${marker}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function visitorId(site: string, ctx: BrowserContext): Promise<string> {
  const vid = (await ctx.cookies(site)).find((c) => c.name === "wm_vid")?.value;
  expect(vid, "wm_vid cookie").toBeTruthy();
  return vid!;
}

async function journeysOf(site: string, ctx: BrowserContext): Promise<Journeys> {
  const view = await admin(site, "GET", `/visitors/${await visitorId(site, ctx)}`);
  return (view.body?.journeys ?? {}) as Journeys;
}

/** A fresh visitor. The machine running the suite may be busy: generous timeouts, no sleeps. */
async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  ctx.setDefaultTimeout(60_000);
  return ctx;
}

const posted = (r: Request, site: string, type: string) =>
  r.url() === `${site}/__waymark/events` && r.method() === "POST" && (r.postData() ?? "").includes(`"type":"${type}"`);

async function open(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
  return page;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("events without code", () => {
  beforeAll(async () => {
    await publish(base, [CLICK, BANNER], "e2e: tracking rules");
    await live(`${base}/faq`, 'data-wm-journey="e2e-banner"');
    await live(`${base}/`, '"e":"shop_cta_clicked"');
  }, 120_000);
  afterAll(() => unpublish(base, [CLICK.id, BANNER.id]));

  it("a click rule on the shop's link moves the journey, although the link navigates away at once", async () => {
    const ctx = await context();
    const page = await open(ctx, `${base}/`);
    expect((await journeysOf(base, ctx))[CLICK.id]?.stage).toBe("looking");
    await page.click("a.button.light");
    await page.waitForURL(`${base}/products`);
    // Queued on the home page and handed to sendBeacon as it went away (or sent by the next page): not lost.
    await expect.poll(async () => (await journeysOf(base, ctx))[CLICK.id]?.stage, { timeout: 30_000 }).toBe("shopping");
    const events = (await admin(base, "GET", `/visitors/${await visitorId(base, ctx)}`)).body?.events as {
      type: string;
      data: unknown;
    }[];
    expect(events.filter((e) => e.type === "shop_cta_clicked").map((e) => e.data)).toEqual([{ path: "/" }]);
    await ctx.close();
  }, 180_000);

  it("a data-wm-track link inside an inserted banner reports its event for the banner's journey", async () => {
    const ctx = await context();
    const page = await open(ctx, `${base}/faq`);
    await page.waitForSelector(".wm-e2e-banner");
    const sent = page.waitForRequest((r) => posted(r, base, "returns_banner_clicked"));
    await page.click(".wm-e2e-banner a");
    const ev = JSON.parse((await sent).postData()!).events.find(
      (e: { type: string }) => e.type === "returns_banner_clicked",
    );
    expect(ev.data).toEqual({ journey: "e2e-banner", action: "returns", path: "/faq" });
    // The site's own elements report too: data-wm-track anywhere on the page; a malformed name is ignored.
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.innerHTML =
        '<span id="own" data-wm-track="own_clicked">own</span><span id="bad" data-wm-track="Bad Name">x</span>';
      document.querySelector("main")!.append(p);
    });
    const own = page.waitForRequest((r) => posted(r, base, "own_clicked"));
    await page.click("#bad");
    await page.click("#own");
    const body = (await own).postData()!;
    expect(JSON.parse(body).events.find((e: { type: string }) => e.type === "own_clicked").data).toEqual({
      path: "/faq",
    });
    expect(body).not.toContain("Bad Name");
    // The exports are off on this Worker (BEACON_CONFIG unset): nothing reaches the dataLayer.
    expect(await page.evaluate(() => JSON.stringify((window as unknown as Win).dataLayer ?? []))).not.toContain(
      "waymark_exposure",
    );
    await ctx.close();
  }, 180_000);

  it("data-wm-dismiss removes the banner, reports dismiss, and the journey stops showing it", async () => {
    const ctx = await context();
    const page = await open(ctx, `${base}/faq`);
    await page.waitForSelector(".wm-e2e-banner");
    await page.screenshot({ path: `${shots}banner-before-dismiss.png` });
    const sent = page.waitForRequest((r) => posted(r, base, "dismiss"));
    await page.click(".wm-e2e-banner [data-wm-dismiss]");
    await expect.poll(() => page.locator(".wm-e2e-banner").isVisible(), { timeout: 10_000 }).toBe(false);
    const ev = JSON.parse((await sent).postData()!).events.find((e: { type: string }) => e.type === "dismiss");
    expect(ev.data).toEqual({ journey: "e2e-banner" });
    expect((await (await sent).response())?.status()).toBe(200);
    await expect
      .poll(async () => (await journeysOf(base, ctx))[BANNER.id]?.dismissedAt ?? null, { timeout: 30_000 })
      .not.toBeNull();
    await page.screenshot({ path: `${shots}banner-dismissed.png` });
    const again = await page.reload();
    expect(await again!.text()).not.toContain('data-wm-journey="e2e-banner"');
    expect(await page.locator(".wm-e2e-banner").count()).toBe(0);
    await ctx.close();
  }, 180_000);
});

describe("exposure exports (BEACON_CONFIG dataLayer and segment switched on)", () => {
  let exporting: RunningWaymark;
  const SHOWN = bannerJourney("e2e-exported");
  // Held out: it shows nothing, and is exported as the holdout (its exposure counted where it would have shown).
  const HELD = bannerJourney("e2e-held", {
    holdout: 1,
    actions: [{ id: "note", type: "insert", selector: "main .faq", position: "before", html: "<p>Held</p>" }],
  });

  // On every route of the demo's single-page app.
  const ROUTED = bannerJourney("e2e-routed", {
    when: [{ type: "path", glob: "/spa**" }],
    actions: [{ id: "note", type: "insert", selector: "#spa-title", position: "after", html: "<p>Routed</p>" }],
  });

  beforeAll(async () => {
    exporting = await startWaymark({ BEACON_CONFIG: '{"dataLayer":true,"segment":true}' });
    await publish(exporting.url, [SHOWN, HELD, ROUTED], "e2e: exports");
    await live(`${exporting.url}/faq`, 'data-wm-journey="e2e-exported"');
  }, 180_000);
  afterAll(async () => {
    await exporting?.stop();
  });

  it("pushes each exposure once to window.dataLayer and to Segment's analytics.track, the holdout as branch holdout", async () => {
    const ctx = await context();
    // The site's tag manager and Segment snippet, as a page loads them before the beacon.
    await ctx.addInitScript(() => {
      const w = window as unknown as Win & { analytics: unknown };
      w.dataLayer = [{ event: "gtm.js" }];
      w.__segment = [];
      w.analytics = { track: (name: string, props: unknown) => w.__segment!.push([name, props]) };
    });
    const page = await open(ctx, `${exporting.url}/faq`);
    const pushed = () =>
      page.evaluate(() => ((window as unknown as Win).dataLayer ?? []).filter((x) => x.event === "waymark_exposure"));
    await expect.poll(pushed, { timeout: 10_000 }).toHaveLength(2);
    expect(await pushed()).toEqual(
      expect.arrayContaining([
        { event: "waymark_exposure", waymark_journey: "e2e-exported", waymark_stage: "on", waymark_branch: "default" },
        { event: "waymark_exposure", waymark_journey: "e2e-held", waymark_stage: "on", waymark_branch: "holdout" },
      ]),
    );
    const segment = await page.evaluate(() => (window as unknown as Win).__segment);
    expect(segment).toEqual(
      expect.arrayContaining([
        ["Waymark Exposure", { journey: "e2e-exported", stage: "on", branch: "default" }],
        ["Waymark Exposure", { journey: "e2e-held", stage: "on", branch: "holdout" }],
      ]),
    );
    expect(segment).toHaveLength(2);
    // A page without an exposure pushes nothing; a new page view of /faq is a new page (its own exposures).
    await page.goto(`${exporting.url}/pricing`);
    await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
    expect(await pushed()).toEqual([]);
    await ctx.close();
  }, 180_000);

  it("a single-page app's route change exports the new route's exposures, once per route", async () => {
    const ctx = await context();
    const page = await open(ctx, `${exporting.url}/spa`);
    const routed = () =>
      page.evaluate(
        () =>
          ((window as unknown as Win).dataLayer ?? []).filter(
            (x) => x.event === "waymark_exposure" && x.waymark_journey === "e2e-routed",
          ).length,
      );
    await expect.poll(routed, { timeout: 10_000 }).toBe(1);
    // pushState through the app's own link: the beacon asks the edge for the route (POST /__waymark/navigate).
    const navigated = page.waitForResponse((r) => r.url() === `${exporting.url}/__waymark/navigate`);
    await page.click('a[href="/spa/trails"]');
    expect((await navigated).status()).toBe(200);
    await expect.poll(routed, { timeout: 10_000 }).toBe(2);
    await ctx.close();
  }, 180_000);
});
