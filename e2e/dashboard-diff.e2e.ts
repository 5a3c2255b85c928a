import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Issue 13: the publish page reads as a before/after per journey (sections, plain labels, HTML rendered and as
// source with the changed words marked) instead of JSON pointers; "Compare with live" brings its result into view
// and moves focus to it. Chromium against `wrangler dev`; screenshots in artifacts/dashboard-diff/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("dashboard-diff");
const DASH = `${base}/__waymark/dashboard/`;
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const JID = `e2e-diff-${Date.now().toString(36)}`;

const journey = {
  id: JID,
  name: "E2E diff",
  // Paused: published for the comparison, acting on nobody while the other e2e files browse the shop.
  paused: true,
  stages: [{ id: "browsing" }, { id: "in-cart" }],
  start: "browsing",
  transitions: [{ from: "browsing", to: "in-cart", on: "add_to_cart" }],
  actions: [
    {
      id: "cart-banner",
      type: "insert",
      selector: "body",
      position: "prepend",
      stage: "in-cart",
      html: '<div class="wm-banner">Your cart is waiting. <a href="/cart">View cart</a></div>',
    },
  ],
};

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const api = (path: string, init: RequestInit = {}) => fetch(`${base}/__waymark/api${path}`, { headers: auth, ...init });
const publish = async () => {
  const r = await api("/publish", { method: "POST", body: JSON.stringify({ note: "e2e diff" }) });
  expect(r.ok).toBe(true);
  return ((await r.json()) as { version: number }).version;
};
const noticeText = () => page.locator(".notice").innerText();
/** Is the element's top edge inside the window (not above it, not below the fold)? */
const inViewport = (sel: string) =>
  page.locator(sel).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;
  });

beforeAll(async () => {
  expect((await api(`/journeys/${JID}`, { method: "PUT", body: JSON.stringify(journey) })).ok).toBe(true);
  await publish();
  // The dashboard's files are rebuilt by wrangler when dashboard/src changes (the folder is empty meanwhile).
  for (let tries = 0; (await fetch(DASH)).status !== 200; tries++) {
    if (tries > 90) throw new Error("the dashboard's files were not built within 90 s");
    await new Promise((r) => setTimeout(r, 1_000));
  }
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(DASH);
  await page.fill("#admin-token", token);
  await page.click("button[type=submit]");
  await page.locator("table.journeys").waitFor();
});
afterAll(async () => {
  await browser?.close();
  // Leave the shared Worker as the other e2e files expect it: the journey gone, published.
  await api(`/journeys/${JID}`, { method: "DELETE" });
  await api("/publish", { method: "POST", body: "{}" });
});

describe("a readable diff (issue 13)", () => {
  let liveBefore = 0;

  it("shows an action's HTML and a stage's name before and after, the changed words marked", async () => {
    liveBefore = ((await (await api("/versions")).json()) as { live: number }).live;
    await page.goto(`${DASH}journeys/${JID}`);
    await page.locator("#f-actions-0-html").waitFor();
    await page.fill(
      "#f-actions-0-html",
      '<div class="wm-banner">Your basket is still here. <a href="/cart">View cart</a></div>',
    );
    await page.fill("#f-stages-1-name", "In the cart");
    await page.click("button:has-text('Save draft')");
    await expect.poll(noticeText).toContain("saved");

    await page.goto(`${DASH}publish`);
    const art = page.locator(`.diff article[data-journey=${JID}][data-change=changed]`);
    await art.waitFor();
    // Grouped sections in the form's order, items in words, no JSON pointer in sight.
    expect(await art.locator(".diff-section h4").allInnerTexts()).toEqual(["STAGES", "ACTIONS"]);
    const stage = art.locator(".diff-section[data-section=stages] .diff-item[data-item=in-cart]");
    expect(await stage.locator("h5").innerText()).toBe("Stage 'In the cart'");
    expect(await stage.locator(".diff-field[data-field=name] .diff-side.before").innerText()).toContain("(not set)");
    expect(await stage.locator(".diff-field[data-field=name] .diff-side.after ins").innerText()).toBe("In the cart");

    const html = art.locator(".diff-item[data-item=cart-banner] .diff-field[data-field=html]");
    expect(await html.getAttribute("aria-label")).toBe("Action 'cart banner' (insert) · HTML");
    // The source, words marked: removed on the left, added on the right; the unchanged words are not.
    expect(await html.locator(".diff-side.before del").allInnerTexts()).toEqual(["cart", "waiting"]);
    expect(await html.locator(".diff-side.after ins").allInnerTexts()).toEqual(["basket", "still here"]);
    expect(await html.locator(".diff-side.after .line.changed").count()).toBe(1);
    // Rendered as a visitor sees it, each side in a sandboxed frame with no scripts.
    const frames = html.locator("iframe.diff-frame");
    expect(await frames.count()).toBe(2);
    expect(await frames.evaluateAll((fs) => fs.map((f) => f.getAttribute("sandbox")))).toEqual(["", ""]);
    const rendered = async (i: number) =>
      (await (await frames.nth(i).elementHandle())!.contentFrame())!.innerText("body");
    expect(await rendered(0)).toContain("Your cart is waiting.");
    expect(await rendered(1)).toContain("Your basket is still here.");
    // The pointers are still there for developers, folded.
    expect(await art.locator("details.diff-json").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await art.scrollIntoViewIfNeeded();
    await art.screenshot({ path: `${shots}publish-readable-diff.png` });
    await page.screenshot({ path: `${shots}publish-page-full.png`, fullPage: true });
  });

  it("a new journey and a removed item are marked as such", async () => {
    await page.click("button:has-text('Publish…')");
    await page.locator("dialog[open] button:has-text('Publish now')").click();
    await expect.poll(noticeText).toMatch(/Published version \d+/);
    // A draft with the action removed and a stage added, so the pending diff shows both marks.
    const r = (await (await api(`/journeys/${JID}`)).json()) as { journey: typeof journey };
    const next = { ...r.journey, stages: [...r.journey.stages, { id: "bought", exit: true }], actions: [] };
    expect((await api(`/journeys/${JID}`, { method: "PUT", body: JSON.stringify(next) })).ok).toBe(true);
    await page.reload();
    const art = page.locator(`.diff article[data-journey=${JID}][data-change=changed]`);
    await art.waitFor();
    const removed = art.locator(".diff-item[data-item=cart-banner]");
    expect(await removed.getAttribute("data-change")).toBe("removed");
    expect(await removed.locator("h5 .badge").innerText()).toBe("removed");
    expect(await removed.locator(".diff-side.after").count()).toBe(0);
    const added = art.locator(".diff-item[data-item=bought]");
    expect(await added.locator("h5").innerText()).toBe("new Stage 'bought'");
    await art.screenshot({ path: `${shots}publish-added-removed.png` });
  });

  it("'Compare with live' scrolls its result into view and moves focus to it", async () => {
    // The version before this test's edits: comparing it with the live one shows the HTML change again.
    const row = page.locator(`tr[data-version="${liveBefore}"]`);
    await row.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await row.locator("button:has-text('Compare with live')").click();
    const compare = page.locator("section.compare");
    await compare.locator(`article[data-journey=${JID}][data-change=changed]`).waitFor();
    expect(await inViewport("section.compare")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("compare");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby"))).toBe("compare-title");
    const html = compare.locator(".diff-item[data-item=cart-banner] .diff-field[data-field=html]");
    expect(await html.locator(".diff-side.before del").allInnerTexts()).toEqual(["basket", "still here"]);
    expect(await html.locator(".diff-side.after ins").allInnerTexts()).toEqual(["cart", "waiting"]);
    await page.screenshot({ path: `${shots}compare-with-live.png` });
    // A narrow window: before above after, nothing wider than the page.
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await compare.screenshot({ path: `${shots}compare-with-live-800.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("had no page errors", () => expect(pageErrors).toEqual([]));
});
