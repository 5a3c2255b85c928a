import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Single-page apps (issue 15): the demo's /spa changes route with history.pushState, re-renders <main> on every
// state change, and the beacon fetches each route's changes from the edge (POST /__waymark/navigate).
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("spa");
const NAVIGATE = `${base}/__waymark/navigate`;

const JOURNEY = {
  id: "e2e-spa-routes",
  name: "E2E: SPA routes",
  stages: [{ id: "on" }],
  start: "on",
  actions: [
    {
      id: "trails-banner",
      type: "insert",
      selector: "#spa-title",
      position: "after",
      html: '<p class="wm-trails-banner">Guided walks this weekend.</p>',
      when: [{ type: "path", glob: "/spa/trails" }],
    },
    {
      id: "gear-tagline",
      type: "replace",
      selector: "#spa-tagline",
      text: "Pack light, walk far.",
      when: [{ type: "path", glob: "/spa/gear" }],
    },
    {
      id: "gear-counter",
      type: "style",
      selector: "#spa-counter",
      css: "outline: 3px solid rgb(176, 0, 0); font-weight: 700",
      when: [{ type: "path", glob: "/spa/gear" }],
    },
    {
      id: "gear-hide-steps",
      type: "hide",
      selector: "#spa-steps",
      when: [{ type: "path", glob: "/spa/gear" }],
    },
    {
      id: "gear-attr",
      type: "set_attribute",
      selector: "#spa-counter",
      name: "data-offer",
      value: "gear-kit",
      when: [{ type: "path", glob: "/spa/gear" }],
    },
    { id: "moved", type: "redirect", url: "/spa/gear", when: [{ type: "path", glob: "/spa/old-gear" }] },
    // Outside the app's <main>: the app never re-renders these, so leaving the route must put them back.
    { id: "gear-footer", type: "remove", selector: ".site-footer", when: [{ type: "path", glob: "/spa/gear" }] },
    {
      id: "gear-brand",
      type: "replace",
      selector: ".brand",
      html: "<b>Waymark Gear</b>",
      when: [{ type: "path", glob: "/spa/gear" }],
    },
  ],
};

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/__waymark/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
}

let browser: Browser;
beforeAll(async () => {
  const put = await admin("PUT", `/journeys/${JOURNEY.id}`, JOURNEY);
  expect([200, 201], JSON.stringify(put.body)).toContain(put.status);
  expect([200, 201]).toContain((await admin("POST", "/publish", { note: "e2e: spa routes" })).status);
  // The published version reaches the Worker's per-isolate cache within seconds: wait for the edge to apply it.
  const deadline = Date.now() + 30_000;
  let html = "";
  while (Date.now() < deadline) {
    html = await (await fetch(`${base}/spa/trails`)).text();
    if (html.includes("wm-trails-banner")) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(html).toContain("wm-trails-banner");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await admin("DELETE", `/journeys/${JOURNEY.id}`);
  await admin("POST", "/publish", { note: "e2e: spa routes cleanup" });
});

/** What the test looks at in the app, after each step. */
const state = (page: Page) =>
  page.evaluate(() => {
    const counter = document.getElementById("spa-counter");
    return {
      path: location.pathname,
      title: document.getElementById("spa-title")?.textContent ?? null,
      banners: document.querySelectorAll(".wm-trails-banner").length,
      bannerSlotMarked:
        document.querySelector(".wm-trails-banner")?.parentElement?.getAttribute("data-wm-action") ?? null,
      tagline: document.getElementById("spa-tagline")?.textContent ?? null,
      outline: counter ? getComputedStyle(counter).outlineColor : null,
      weight: counter ? getComputedStyle(counter).fontWeight : null,
      stepsShown: getComputedStyle(document.getElementById("spa-steps")!).display !== "none",
      offer: counter?.getAttribute("data-offer") ?? null,
      marked: document.querySelectorAll('[data-wm-journey="e2e-spa-routes"]').length,
      brand: document.querySelector(".brand")?.textContent ?? null,
      footerAfterMain: document.querySelector("#main ~ .site-footer") !== null,
      footers: document.querySelectorAll(".site-footer").length,
      loaded: (window as unknown as { __loadedOnce?: boolean }).__loadedOnce === true,
    };
  });

type State = Awaited<ReturnType<typeof state>>;

/** The plan route as the app renders it (the counter's own outline and weight as first seen: the shop's CSS). */
const plan = (own: Pick<State, "outline" | "weight">): State => ({
  path: "/spa",
  title: "Trip planner",
  banners: 0,
  bannerSlotMarked: null,
  tagline: "Plan your next long walk, one waymark at a time.",
  ...own,
  stepsShown: true,
  offer: null,
  marked: 0,
  brand: "Waymark Outfitters",
  footerAfterMain: true,
  footers: 1,
  loaded: true,
});
const trails = (own: Pick<State, "outline" | "weight">): State => ({
  ...plan(own),
  path: "/spa/trails",
  title: "Trails",
  banners: 1,
  bannerSlotMarked: "trails-banner",
  tagline: "Three long walks we keep coming back to.",
  marked: 1,
});
const gear = (own: Pick<State, "outline" | "weight">): State => ({
  ...plan(own),
  path: "/spa/gear",
  title: "Gear",
  tagline: "Pack light, walk far.",
  // The style action's declarations win over the shop's CSS (inline).
  outline: "rgb(176, 0, 0)",
  weight: "700",
  stepsShown: false,
  offer: "gear-kit",
  // The tagline, the counter, the list and the brand carry the marks (the counter's last action's).
  marked: 4,
  brand: "Waymark Gear",
  footerAfterMain: false,
  footers: 0,
});

describe("single-page app routes", () => {
  it("applies each route's changes on client-side navigations, removes them on leaving, restores them after re-renders", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const navigations: string[] = [];
    page.on("request", (r) => r.url() === NAVIGATE && navigations.push(JSON.parse(r.postData() ?? "{}").url));
    await page.goto(`${base}/spa`);
    await page.waitForFunction(() => (window as unknown as { waymark?: { __wm?: boolean } }).waymark?.__wm === true);
    // Survives client-side route changes only: a full page load would lose it.
    await page.evaluate(() => ((window as unknown as { __loadedOnce: boolean }).__loadedOnce = true));
    const { outline, weight } = await state(page);
    expect(outline).not.toBe("rgb(176, 0, 0)");
    expect(weight).not.toBe("700");
    const PLAN = plan({ outline, weight });
    const TRAILS = trails({ outline, weight });
    const GEAR = gear({ outline, weight });
    await expect.poll(() => state(page)).toEqual(PLAN);

    // A client-side route change (pushState): the route's banner, from the edge's decision for that URL.
    await page.click('#spa-nav a[href="/spa/trails"]');
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(TRAILS);
    expect(navigations).toEqual([`${base}/spa/trails`]);
    await page.screenshot({ path: `${shots}spa-trails-banner.png`, fullPage: true });

    // A framework-style re-render wipes <main>: the banner comes back, once.
    const renders = await page.getAttribute("#main", "data-renders");
    await page.click("#spa-counter");
    await expect.poll(() => page.getAttribute("#main", "data-renders")).not.toBe(renders);
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(TRAILS);
    expect(await page.textContent("#spa-counter")).toBe("Saved 1 trips");

    // Every other action type, applied in the browser on another route, and kept through a re-render.
    await page.click('#spa-nav a[href="/spa/gear"]');
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(GEAR);
    await page.click("#spa-counter");
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(GEAR);
    expect(await page.textContent("#spa-counter")).toBe("Saved 2 trips");

    // A hash change, or a replaceState to the same URL, is not a route change: no call.
    await page.evaluate(() => {
      location.hash = "#packing";
      history.replaceState(history.state, "", location.href);
    });
    // Back (popstate) to the trails, then to the plan: the gear changes go, the banner comes and goes.
    await page.goBack(); // the hash
    await page.goBack();
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(TRAILS);
    await page.goBack();
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(PLAN);
    expect(navigations).toEqual([`${base}/spa/trails`, `${base}/spa/gear`, `${base}/spa/trails`, `${base}/spa`]);

    // The edge's first-byte changes of a route are left to the beacon too: a fresh load of /spa/trails has the
    // banner in its HTML; a client-side change away takes it out.
    await page.goto(`${base}/spa/trails`);
    await page.waitForFunction(() => (window as unknown as { waymark?: { __wm?: boolean } }).waymark?.__wm === true);
    await page.evaluate(() => ((window as unknown as { __loadedOnce: boolean }).__loadedOnce = true));
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(TRAILS);
    await page.click('#spa-nav a[href="/spa"]');
    await expect.poll(() => state(page), { timeout: 5_000 }).toEqual(PLAN);

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("follows a journey's redirect on a route change with a page load", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/spa`);
    await page.waitForFunction(() => (window as unknown as { waymark?: { __wm?: boolean } }).waymark?.__wm === true);
    await page.evaluate(() => ((window as unknown as { __loadedOnce: boolean }).__loadedOnce = true));
    const loaded = page.waitForEvent("load");
    await page.evaluate(() => history.pushState(null, "", "/spa/old-gear"));
    await loaded;
    expect(await state(page)).toMatchObject({ path: "/spa/gear", title: "Gear", loaded: false });
    // The edge applied the gear route's changes to that page's first byte.
    await expect.poll(() => state(page), { timeout: 5_000 }).toMatchObject({ tagline: "Pack light, walk far." });
    await ctx.close();
  });

  it("changes nothing for an opted-out browser, and stores nothing", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/spa`);
    await page.evaluate(() => fetch("/__waymark/opt-out", { method: "POST" }));
    await page.goto(`${base}/spa`);
    // Opted out, the edge serves the page as the origin sent it: no beacon, so the app's routes are its own.
    await page.click('#spa-nav a[href="/spa/trails"]');
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe("/spa/trails");
    await page.waitForFunction(() => document.getElementById("spa-title")?.textContent === "Trails");
    expect(await page.locator(".wm-trails-banner").count()).toBe(0);
    // Asked anyway (an old tab's beacon): an empty manifest, nothing stored.
    const reply = await page.evaluate(() =>
      fetch("/__waymark/navigate", { method: "POST", body: JSON.stringify({ url: location.href }) }).then((r) =>
        r.json(),
      ),
    );
    expect(reply).toMatchObject({ applied: [], nudges: [] });
    const me = await (await ctx.request.get(`${base}/__waymark/me`)).json();
    expect(me).toMatchObject({ stored: false });
    await ctx.close();
  });
});
