import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// The beacon is browser code: tested in Chromium against the Worker and the demo shop.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("beacon");
const EVENTS = `${base}/__waymark/events`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Win = { waymark: { __wm?: boolean; lost: number; track(t: string, d?: unknown): void; flush(): void } };

async function open(path: string): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + path);
  await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
  return { ctx, page, errors };
}

const posted = (r: { url(): string; method(): string; postData(): string | null }, type: string) =>
  r.url() === EVENTS && r.method() === "POST" && (r.postData() ?? "").includes(`"type":"${type}"`);

async function me(ctx: BrowserContext) {
  return (await (await ctx.request.get(`${base}/__waymark/me`)).json()) as {
    eventCount: number;
    events?: { id: string | null; type: string }[];
  };
}

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/__waymark/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
}

describe("confusion nudge", () => {
  it("appears in a shadow root within a fraction of a second of the third rage click, without reload", async () => {
    const { ctx, page, errors } = await open("/");
    // Measured in the page: from the third click to the nudge being in the DOM.
    await page.evaluate(() => {
      const w = window as unknown as { __clicks: number[]; __nudgeAt: number };
      w.__clicks = [];
      document.addEventListener("click", () => w.__clicks.push(performance.now()), true);
      new MutationObserver(() => {
        if (!w.__nudgeAt && document.querySelector("waymark-nudge")) w.__nudgeAt = performance.now();
      }).observe(document.body, { childList: true });
    });
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
    for (let i = 0; i < 3; i++) await page.mouse.click(400, 160); // the hero heading: not interactive
    await page.waitForFunction(() =>
      document.querySelector("waymark-nudge")?.shadowRoot?.querySelector("[role=dialog]"),
    );
    const latency = await page.evaluate(() => {
      const w = window as unknown as { __clicks: number[]; __nudgeAt: number };
      return w.__nudgeAt - w.__clicks[2];
    });
    console.log(`confusion nudge latency after the third click: ${latency.toFixed(0)} ms`);
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(1000);
    expect(navigations).toEqual([]);

    const dialog = await page.evaluate(() => {
      const host = document.querySelector("waymark-nudge")!;
      const d = host.shadowRoot!.querySelector("[role=dialog]")!;
      return {
        journey: host.getAttribute("data-wm-journey"),
        label: d.getAttribute("aria-label"),
        live: d.getAttribute("aria-live"),
        text: (d as HTMLElement).innerText,
        closeLabel: d.querySelector("button")!.getAttribute("aria-label"),
      };
    });
    expect(dialog).toMatchObject({
      journey: "confusion-help",
      label: "Need a hand?",
      live: "polite",
      closeLabel: "Dismiss",
    });
    expect(dialog.text).toContain("Read the FAQ");
    await page.screenshot({ path: `${shots}confusion-nudge.png` });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("is accessible: focusable close button, Escape dismisses, focus returns, dismissal reported; never duplicated", async () => {
    const { ctx, page } = await open("/");
    for (let i = 0; i < 3; i++) await page.mouse.click(400, 160);
    await page.waitForFunction(() =>
      document.querySelector("waymark-nudge")?.shadowRoot?.querySelector("[role=dialog]"),
    );

    // A second burst while it is shown: the edge may answer with the same nudge again; it must not be doubled.
    const second = page.waitForResponse((r) => posted(r.request(), "rage_click"));
    for (let i = 0; i < 3; i++) await page.mouse.click(420, 170);
    await second;
    expect(await page.locator("waymark-nudge").count()).toBe(1);

    // Site CSS cannot reach inside.
    await page.addStyleTag({
      content: "p, li, a, h2, button, div { color: rgb(255, 0, 0) !important; font-size: 40px !important; }",
    });
    const inside = await page.evaluate(() => {
      const p = document.querySelector("waymark-nudge")!.shadowRoot!.querySelector("p")!;
      const s = getComputedStyle(p);
      return { color: s.color, size: s.fontSize };
    });
    expect(inside.color).not.toBe("rgb(255, 0, 0)");
    expect(inside.size).not.toBe("40px");

    // Keyboard: focus is on a page link, moves to the close button; Escape closes and gives focus back.
    await page.focus('header a[href="/products"]');
    await page.evaluate(() =>
      (document.querySelector("waymark-nudge")!.shadowRoot!.querySelector("button") as HTMLElement).focus(),
    );
    expect(
      await page.evaluate(() => {
        const host = document.querySelector("waymark-nudge")!;
        return document.activeElement === host && host.shadowRoot!.activeElement?.tagName;
      }),
    ).toBe("BUTTON");
    const dismissed = page.waitForRequest((r) => posted(r, "dismiss"));
    await page.keyboard.press("Escape");
    const body = JSON.parse((await dismissed).postData()!) as { events: { type: string; data: { journey: string } }[] };
    expect(body.events.find((e) => e.type === "dismiss")!.data).toEqual({ journey: "confusion-help" });
    expect(await page.locator("waymark-nudge").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("/products");

    // Dismissed: more rage clicks on this page do not bring it back.
    const third = page.waitForResponse((r) => posted(r.request(), "rage_click"));
    for (let i = 0; i < 3; i++) await page.mouse.click(400, 160);
    await third;
    expect(await page.locator("waymark-nudge").count()).toBe(0);
    await ctx.close();
  });

  it("going back and forth between pricing and FAQ is reported and offers help", async () => {
    const { ctx, page } = await open("/pricing");
    const bf = page.waitForRequest((r) => posted(r, "back_and_forth"));
    for (const path of ["/faq", "/pricing", "/faq"]) await page.goto(base + path);
    const ev = JSON.parse((await bf).postData()!).events.find((e: { type: string }) => e.type === "back_and_forth");
    expect(ev.data.pages).toEqual(["/pricing", "/faq"]);
    await page.waitForFunction(() => document.querySelector("waymark-nudge"));
    await ctx.close();
  });
  it("a click on the nudge's help link reports help_clicked, which ends the confusion journey", async () => {
    const { ctx, page } = await open("/");
    for (let i = 0; i < 3; i++) await page.mouse.click(400, 160);
    await page.waitForFunction(() =>
      document.querySelector("waymark-nudge")?.shadowRoot?.querySelector("a[href='/faq']"),
    );
    const helped = page.waitForRequest((r) => posted(r, "help_clicked"));
    await page.evaluate(() =>
      (document.querySelector("waymark-nudge")!.shadowRoot!.querySelector("a[href='/faq']") as HTMLElement).click(),
    );
    const ev = JSON.parse((await helped).postData()!).events.find((e: { type: string }) => e.type === "help_clicked");
    expect(ev.data).toMatchObject({ journey: "confusion-help" });
    await page.waitForURL(`${base}/faq`);
    const state = (await (await ctx.request.get(`${base}/__waymark/me`)).json()) as {
      journeys: Record<string, { stage: string }>;
    };
    expect(state.journeys["confusion-help"].stage).toBe("helped");
    await ctx.close();
  });
});

describe("other signals", () => {
  it("a click on text that looks like a link but does nothing is a dead click", async () => {
    const { ctx, page } = await open("/");
    const dead = page.waitForRequest((r) => posted(r, "dead_click"));
    await page.click(".perk-link >> nth=0");
    const ev = JSON.parse((await dead).postData()!).events.find((e: { type: string }) => e.type === "dead_click");
    expect(ev.data).toEqual({ target: "span.perk-link", path: "/" });
    await ctx.close();
  });

  it("repeated validation errors on a form field are reported once", async () => {
    const { ctx, page } = await open("/products/trail-map-set");
    await page.click("button.add-to-cart");
    await page.goto(`${base}/checkout`);
    await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
    const formError = page.waitForRequest((r) => posted(r, "form_error"));
    await page.fill("input[name=name]", "Ada");
    await page.click("button.place-order"); // email and card missing: the browser refuses
    await page.click("button.place-order");
    const ev = JSON.parse((await formError).postData()!).events.find((e: { type: string }) => e.type === "form_error");
    expect(ev.data).toMatchObject({ field: "email", count: 2, path: "/checkout" });
    await ctx.close();
  });
  it("scrolling up and down and up again is scroll thrashing", async () => {
    const ctx = await browser.newContext({ viewport: { width: 400, height: 300 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/products`);
    await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
    const thrash = page.waitForRequest((r) => posted(r, "scroll_thrash"));
    // One position per scroll event (several scrollTo calls in one frame would be seen as one move).
    for (const y of [400, 0, 400, 0, 400, 0])
      await page.evaluate(
        (to) =>
          new Promise<void>((resolve) => {
            if (Math.round(scrollY) === to) return resolve();
            addEventListener("scroll", () => resolve(), { once: true });
            scrollTo(0, to);
          }),
        y,
      );
    const ev = JSON.parse((await thrash).postData()!).events.find((e: { type: string }) => e.type === "scroll_thrash");
    expect(ev.data).toEqual({ changes: 4, path: "/products" });
    await ctx.close();
  });

  it("a long pause without any progress is hesitation (page clock run forward, not waited)", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.clock.install();
    // What the beacon posts, seen from inside the page (synchronously, unlike network events).
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: string[] };
      const original = window.fetch;
      w.__posted = [];
      window.fetch = (input, init) => {
        if (String(input).includes("/__waymark/events") && typeof init?.body === "string")
          for (const e of JSON.parse(init.body).events) w.__posted.push(e.type);
        return original(input, init);
      };
    });
    await page.goto(`${base}/pricing`);
    await page.waitForFunction(() => (window as unknown as Win).waymark?.__wm === true);
    const postedTypes = () => page.evaluate(() => (window as unknown as { __posted: string[] }).__posted);
    await page.clock.runFor(15_000);
    await page.keyboard.press("Shift"); // progress: the 20 s dwell timer starts again
    await page.clock.runFor(15_000);
    expect(await postedTypes()).not.toContain("hesitation");
    const hesitation = page.waitForRequest((r) => posted(r, "hesitation"));
    await page.clock.runFor(6_500); // 21.5 s since the key press: past the dwell and the batch window
    expect(await postedTypes()).toContain("hesitation");
    const ev = JSON.parse((await hesitation).postData()!).events.find((e: { type: string }) => e.type === "hesitation");
    expect(ev.data).toEqual({ ms: 20_000, path: "/pricing" });
    await ctx.close();
  });
});

describe("window.waymark", () => {
  it("track() sends the site's own events, including calls queued by the stub before the beacon loaded", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // Hold the beacon back until the document is parsed, so the early call can only go through the stub's queue.
    let parsed!: () => void;
    const domReady = new Promise<void>((r) => (parsed = r));
    page.once("domcontentloaded", () => parsed());
    await page.route("**/__waymark/beacon.js*", async (route) => {
      await domReady;
      await route.continue();
    });
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        const w = window as unknown as Win & { waymark: { q?: unknown[] }; __queued: number };
        w.waymark.track("e2e_early", { n: 1 });
        w.__queued = w.waymark.q?.length ?? -1;
      });
    });
    const early = page.waitForResponse((r) => posted(r.request(), "e2e_early"));
    await page.goto(`${base}/`);
    expect((await early).status()).toBe(200);
    expect(await page.evaluate(() => (window as unknown as { __queued: number }).__queued)).toBe(1);
    const late = page.waitForResponse((r) => posted(r.request(), "e2e_custom"));
    await page.evaluate(() => (window as unknown as Win).waymark.track("e2e_custom", { plan: "explorer", n: 2 }));
    expect(await (await late).json()).toMatchObject({ accepted: 1 });
    const types = (await me(ctx)).events!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["e2e_early", "e2e_custom"]));
    // Invalid input never throws into the page.
    expect(
      await page.evaluate(() => (window as unknown as Win).waymark.track("Not A Type", { f: () => 1 })),
    ).toBeUndefined();
    await ctx.close();
  });

  it("retries after a 503 with the same event id, so the edge counts it once", async () => {
    const { ctx, page } = await open("/faq");
    let calls = 0;
    await page.route(EVENTS, async (route) => {
      if (!(route.request().postData() ?? "").includes("e2e_retry")) return route.continue();
      calls++;
      if (calls === 1) {
        // The edge did get it, but the answer was lost: the retry must not double count.
        await route.fetch();
        return route.fulfill({ status: 503, headers: { "retry-after": "1" }, body: "unavailable" });
      }
      return route.continue();
    });
    const ok = page.waitForResponse((r) => posted(r.request(), "e2e_retry") && r.status() === 200);
    await page.evaluate(() => (window as unknown as Win).waymark.track("e2e_retry", { attempt: "any" }));
    await ok;
    expect(calls).toBe(2);
    const recorded = (await me(ctx)).events!.filter((e) => e.type === "e2e_retry");
    expect(recorded).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as Win).waymark.lost)).toBe(0);
    await ctx.close();
  });

  it("keeps unsent events across a page load, and never drops one silently", async () => {
    const { ctx, page } = await open("/faq");
    // The edge is down and asks for 30 s: nothing more is tried on this page.
    await page.route(EVENTS, (route) =>
      route.fulfill({ status: 503, headers: { "retry-after": "30" }, body: "unavailable" }),
    );
    const failed = page.waitForResponse((r) => posted(r.request(), "e2e_offline"));
    await page.evaluate(() => (window as unknown as Win).waymark.track("e2e_offline", { n: 1 }));
    expect((await failed).status()).toBe(503);
    await page.unroute(EVENTS);
    // The next page of the session sends what the last one could not.
    const delivered = page.waitForResponse((r) => posted(r.request(), "e2e_offline") && r.status() === 200);
    await page.goto(`${base}/pricing`);
    await delivered;
    expect((await me(ctx)).events!.filter((e) => e.type === "e2e_offline")).toHaveLength(1);

    // Refused outright (400): not retried, counted in waymark.lost and warned about.
    const warnings: string[] = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await page.route(EVENTS, (route) =>
      route.fulfill({ status: 400, contentType: "application/json", body: '{"error":"x"}' }),
    );
    await page.evaluate(() => (window as unknown as Win).waymark.track("e2e_refused"));
    await page.evaluate(() => (window as unknown as Win).waymark.flush());
    await page.waitForFunction(() => (window as unknown as Win).waymark.lost === 1);
    expect(warnings.join("\n")).toContain("waymark: dropped 1 event(s)");
    await ctx.close();
  });
});

describe("hydration safety", () => {
  const JOURNEY = {
    id: "e2e-spa-restore",
    name: "E2E: SPA restore",
    stages: [{ id: "on" }],
    start: "on",
    when: [{ type: "path", glob: "/spa" }],
    actions: [
      {
        id: "note",
        type: "insert",
        selector: "#spa-title",
        position: "after",
        html: '<p class="wm-spa-note">Members save 10% on trip kits.</p>',
      },
      { id: "tagline", type: "replace", selector: "#spa-tagline", text: "Plan it with Waymark." },
      { id: "cta", type: "set_attribute", selector: "#spa-counter", name: "data-offer", value: "trip-kit" },
    ],
  };

  beforeAll(async () => {
    expect([200, 201]).toContain((await admin("PUT", `/journeys/${JOURNEY.id}`, JOURNEY)).status);
    expect([200, 201]).toContain((await admin("POST", "/publish", { note: "e2e: spa restore" })).status);
  });
  afterAll(async () => {
    await admin("DELETE", `/journeys/${JOURNEY.id}`);
    await admin("POST", "/publish", { note: "e2e: spa restore cleanup" });
  });

  it("restores edge insertions after a framework re-render, without duplicates", async () => {
    // The published version reaches the Worker's per-isolate cache within seconds: wait for the edge to apply it.
    const deadline = Date.now() + 30_000;
    let html = "";
    while (Date.now() < deadline) {
      html = await (await fetch(`${base}/spa`)).text();
      if (html.includes('data-wm-journey="e2e-spa-restore"')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(html).toContain('<waymark-slot data-wm-journey="e2e-spa-restore"');

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const raw = await (await page.goto(`${base}/spa`))!.text();
    expect(raw).toContain("wm-spa-note");
    const state = () =>
      page.evaluate(() => ({
        renders: document.getElementById("main")!.getAttribute("data-renders"),
        slots: document.querySelectorAll('waymark-slot[data-wm-journey="e2e-spa-restore"]').length,
        notes: document.querySelectorAll(".wm-spa-note").length,
        noteAfterTitle: document.getElementById("spa-title")?.nextElementSibling?.tagName ?? null,
        tagline: document.getElementById("spa-tagline")?.textContent ?? null,
        offer: document.getElementById("spa-counter")?.getAttribute("data-offer") ?? null,
      }));
    const restored = {
      slots: 1,
      notes: 1,
      noteAfterTitle: "WAYMARK-SLOT",
      tagline: "Plan it with Waymark.",
      offer: "trip-kit",
    };

    // The "framework" re-renders <main> after load, wiping the edge's changes; the beacon puts them back.
    await expect.poll(state, { timeout: 5_000 }).toEqual({ renders: "1", ...restored });
    // A state change re-renders again: restored again, still exactly once.
    await page.click("#spa-counter");
    await expect.poll(state, { timeout: 5_000 }).toEqual({ renders: "2", ...restored });
    expect(await page.textContent("#spa-counter")).toBe("Saved 1 trips");
    await page.click("#spa-counter");
    await expect.poll(state, { timeout: 5_000 }).toEqual({ renders: "3", ...restored });
    await page.screenshot({ path: `${shots}spa-restored.png`, fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
