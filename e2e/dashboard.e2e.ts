import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// The dashboard as a marketer uses it, in Chromium against `wrangler dev` (which serves dashboard/dist):
// sign in, build a journey in the editor (and hit a validation error at the right field), publish it, watch a
// real visitor of the demo shop get it and show up on the journey map, simulate a visitor, change and re-publish
// with the diff, roll back. Screenshots of each screen at two window sizes go to artifacts/dashboard/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("dashboard");
const DASH = `${base}/__waymark/dashboard/`;
const JID = `e2e-promo-${Date.now().toString(36)}`;
const SIZES = [
  [1280, 800],
  [800, 900],
] as const;

let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let visitor: BrowserContext;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
const requestedUrls: string[] = [];
let firstVersion = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("request", (r) => requestedUrls.push(r.url()));
  visitor = await browser.newContext();
});
afterAll(async () => {
  await browser?.close();
  // Leave the shared Worker as the other e2e files expect it: without this test's journey live.
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  await fetch(`${base}/__waymark/api/journeys/${JID}`, { method: "DELETE", headers: auth });
  await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: auth, body: "{}" });
});

/**
 * Screenshots at both sizes, and the layout check that goes with them: nothing wider than the window
 * (wide maps and tables scroll inside their own boxes).
 */
async function shoot(name: string, opts: { full?: boolean; center?: string } = {}) {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    if (opts.center) await page.locator(opts.center).evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: `${shots}${name}-${width}x${height}.png` });
    if (opts.full) await page.screenshot({ path: `${shots}${name}-${width}x${height}-full.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}x${height} is ${overflow}px wider than the window`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const noticeText = () => page.locator(".notice").innerText();
const nav = (label: string) => page.locator("header.topbar nav a", { hasText: label }).click();

/** The visitor's home page HTML as the Worker sends it (a page view for that visitor). */
async function visitorHome(): Promise<string> {
  const p = visitor.pages()[0] ?? (await visitor.newPage());
  const res = await p.goto(`${base}/`);
  return res!.text();
}

async function admin<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/__waymark/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as T;
}

describe("dashboard", () => {
  it("is served with its security headers, and signs in with the admin token only", async () => {
    const res = await page.goto(`${base}/__waymark/dashboard`);
    expect(page.url()).toBe(DASH);
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self'(;|$)/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cache-control"]).toBe("no-store");

    await page.fill("#admin-token", "not-the-token-0123456789abcdef");
    await page.click("button[type=submit]");
    expect(await page.locator("#admin-token-err").innerText()).toContain("not accepted");
    await shoot("sign-in");

    await page.fill("#admin-token", token);
    await page.click("button[type=submit]");
    await page.locator("table.journeys").waitFor();
    // Keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.locator("tr[data-journey=abandoned-cart]").count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem("waymark.adminToken"))).toBe(token);
    // A reload keeps the session (sessionStorage), and client-side routes survive a reload (SPA fallback).
    await page.goto(`${DASH}journeys/abandoned-cart/map`);
    await page.locator("svg g.node[data-stage=abandoned]").waitFor();
    await page.goto(DASH);
    await page.locator("table.journeys").waitFor();
    await shoot("journeys");
    // At 800px the journeys table fits without scrolling sideways (its actions stack).
    await page.setViewportSize({ width: 800, height: 900 });
    const wrap = page.locator(".table-wrap:has(table.journeys)");
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("creates a journey in the editor, with a validation error shown at the field it concerns", async () => {
    await page.click("a:has-text('New journey')");
    await page.waitForURL(`${DASH}journeys/new`);
    await page.fill("#f-id", JID);
    await page.fill("#f-name", "E2E promo");
    await page.fill("#f-priority", "50");

    // The action: shown in the start stage, with a live preview rendered from sample values.
    const action = page.locator("#f-actions-0");
    await action.locator("details.sub > summary").click();
    await action.locator("#f-actions-0-stage label.chip", { hasText: "visiting" }).click();
    await action.locator("#f-actions-0-stage label.chip", { hasText: "engaged" }).click();
    await page.fill("#f-actions-0-html", '<div class="e2e-promo">E2E promo, visit {{visitor.visits}}</div>');
    const preview = page.frameLocator("#f-actions-0 iframe").locator(".e2e-promo");
    expect(await preview.innerText()).toBe("E2E promo, visit 3");

    // A duration in words: the schema's message appears under that very input, which is marked invalid.
    await page.selectOption("#f-transitions-0-trigger", "after");
    await page.fill("#f-transitions-0-after", "30 minutes");
    const err = page.locator("#f-transitions-0-after-err");
    expect(await err.innerText()).toContain('must be a duration like "30s", "30m", "1h" or "7d"');
    expect(await page.getAttribute("#f-transitions-0-after", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#f-transitions-0-after", "aria-describedby")).toContain(
      "f-transitions-0-after-err",
    );
    const sameField = page.locator(".field", { has: page.locator("#f-transitions-0-after") });
    expect(await sameField.locator(".field-errors").innerText()).toContain("must be a duration");

    // Saving is refused: the error summary takes focus and links to the field.
    await page.click("button:has-text('Create draft')");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await shoot("editor-error");
    await page.click(".error-summary a:has-text('transitions.0.after')");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-transitions-0-after");
    await shoot("editor-error-field", { center: "#f-transitions-0-after" });
    await page.fill("#f-transitions-0-after", "30m");
    expect(await err.count()).toBe(0);
    expect(await page.locator(".error-summary").count()).toBe(0);

    // The JSON view round-trips: an edit there shows up in the form.
    await page.click(".segmented button:has-text('JSON')");
    const json = JSON.parse(await page.inputValue("#f-json"));
    expect(json.transitions[0]).toEqual({ from: "visiting", to: "engaged", after: "30m" });
    expect(json.actions[0].stage).toBe("visiting");
    json.description = "Made by the dashboard e2e test";
    await page.fill("#f-json", JSON.stringify(json, null, 2));
    await shoot("editor-json");
    await page.click(".segmented button:has-text('Form')");
    expect(await page.inputValue("#f-description")).toBe("Made by the dashboard e2e test");

    await page.click("button:has-text('Create draft')");
    await page.waitForURL(`${DASH}journeys/${JID}`);
    expect(await noticeText()).toContain("saved");
    await page.frameLocator("#f-actions-0 iframe").locator(".e2e-promo").waitFor();
    await shoot("editor", { full: true });
    const saved = await admin<{ status: string; journey: { priority: number; transitions: unknown[] } }>(
      `/journeys/${JID}`,
    );
    expect(saved.status).toBe("draft");
    expect(saved.journey.priority).toBe(50);
    expect(saved.journey.transitions[0]).toEqual({ from: "visiting", to: "engaged", after: "30m" });
  });

  it("publishes it after showing the diff against the live version", async () => {
    await nav("Publish");
    const added = page.locator(`.diff article[data-journey=${JID}]`);
    await added.waitFor();
    expect(await added.getAttribute("data-change")).toBe("added");
    await page.fill("#publish-note", "e2e: add the promo");
    await page.click("button:has-text('Publish…')");
    const dialog = page.locator("dialog[open]");
    expect(await dialog.innerText()).toContain("1 added");
    await dialog.locator("button:has-text('Publish now')").click();
    await expect.poll(noticeText).toMatch(/Published version \d+/);
    firstVersion = Number(/Published version (\d+)/.exec(await noticeText())![1]);
    await page.locator(`tr[data-version="${firstVersion}"].live`).waitFor();
    expect(await page.locator(".diff .empty").innerText()).toContain("nothing to publish");
    await shoot("publish");
  });

  it("a visitor of the demo shop gets it, and the exposure shows on the journey map and in the results", async () => {
    await expect.poll(async () => (await visitorHome()).includes('class="e2e-promo"'), { timeout: 20_000 }).toBe(true);
    expect(await visitor.pages()[0].locator(".e2e-promo").innerText()).toBe("E2E promo, visit 1");

    await nav("Journeys");
    await page.locator(`tr[data-journey=${JID}] a:has-text('Map')`).click();
    await page.waitForURL(`${DASH}journeys/${JID}/map`);
    // The map polls the stats: the visitor appears in the start stage, and on the entry arrow.
    const now = page.locator(`svg g.node[data-stage=visiting] .node-count`);
    await expect
      .poll(async () => Number(await now.getAttribute("data-current")), { timeout: 30_000, interval: 500 })
      .toBeGreaterThanOrEqual(1);
    expect(await page.locator("svg g.node.exit").getAttribute("data-stage")).toBe("converted");
    expect(
      Number(await page.locator("[data-table=stages] tr[data-stage=visiting] [data-cell=current]").innerText()),
    ).toBeGreaterThanOrEqual(1);
    await shoot("map", { full: true });

    // Keyboard: the stages on the map are reachable with Tab and say what they hold.
    await page.locator("a.skip-link").focus();
    let label: string | null = null;
    for (let i = 0; i < 40 && !label; i++) {
      await page.keyboard.press("Tab");
      label = await page.evaluate(() =>
        document.activeElement?.matches("g.node") ? document.activeElement.getAttribute("aria-label") : null,
      );
    }
    expect(label).toMatch(/^Stage visiting \(start\): \d+ visitors now/);

    await page.locator("nav.tabs a:has-text('Results')").click();
    const exposures = page.locator("[data-table=branches] tr[data-branch=default] [data-cell=exposures]");
    await expect.poll(async () => Number(await exposures.innerText()), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    // The daily chart (the metrics above it have charts of their own).
    await page.locator("section[aria-labelledby=daily-title] .chart svg").waitFor();
    await shoot("results", { full: true });

    await nav("Journeys");
    const listed = page.locator(`tr[data-journey=${JID}] [data-cell=exposures]`);
    await expect.poll(async () => Number(await listed.innerText()), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("simulates a visitor with the engine in the browser: what they see now and later, and why", async () => {
    await nav("Simulator");
    // The sample timeline: a product page, add to cart, 31 minutes away, back on the home page.
    const frame = (n: string) => page.locator(`.sim-frame[data-frame^="${n}"]`);
    await frame("1.").waitFor();
    expect(await frame("1.").locator(`.applied-action[data-journey=${JID}]`).count()).toBe(1);
    expect(await frame("1.").locator(`.stage-pill[data-journey=${JID}]`).getAttribute("data-stage")).toBe("visiting");
    const back = frame("4.");
    expect(await back.locator(`.stage-pill[data-journey=${JID}]`).getAttribute("data-stage")).toBe("engaged");
    expect(await back.locator(".stage-pill[data-journey=abandoned-cart]").getAttribute("data-stage")).toBe("abandoned");
    expect(await back.locator(`.applied-action[data-journey=${JID}]`).count()).toBe(0);
    await back.locator("details > summary:has-text('Decision trace')").click();
    expect(await back.locator(`.trace-journey[data-journey=${JID}]`).getAttribute("data-status")).toBe("no_actions");

    // Add a purchase: the journey's goal, so it converts.
    await page.click("button:has-text('Add event')");
    await page.fill("#step-4-type", "purchase");
    await page.fill("#step-4-data", "");
    await expect
      .poll(() => frame("5.").locator(`.stage-pill[data-journey=${JID}]`).getAttribute("data-stage"))
      .toBe("converted");
    expect(await page.locator(`.sim-frame[data-frame^="In 30m"]`).count()).toBe(1);
    await shoot("simulator", { full: true });
  });

  it("re-publishes a change with its field diff, then rolls back to the first version in one click", async () => {
    await page.goto(`${DASH}journeys/${JID}`);
    // A saved journey's id is fixed: changing it in the JSON view is refused, at the id.
    await page.click(".segmented button:has-text('JSON')");
    const json = JSON.parse(await page.inputValue("#f-json"));
    await page.fill("#f-json", JSON.stringify({ ...json, id: "someone-else" }, null, 2));
    await page.click("button:has-text('Save draft')");
    expect(await page.locator(".error-summary").innerText()).toContain(`id: must be "${JID}"`);
    await page.click("button:has-text('Discard changes')");
    await page.click(".segmented button:has-text('Form')");
    expect(await page.locator(".error-summary").count()).toBe(0);

    await page.fill("#f-actions-0-html", '<div class="e2e-promo">E2E promo v2</div>');
    // Leaving with unsaved changes asks first; declining stays on the editor.
    let asked = "";
    page.once("dialog", (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.click("nav.tabs a:has-text('Journey map')");
    expect(asked).toContain("unsaved changes");
    expect(page.url()).toBe(`${DASH}journeys/${JID}`);
    await page.click("button:has-text('Save draft')");
    await expect.poll(noticeText).toContain("saved");

    await nav("Publish");
    const changed = page.locator(`.diff article[data-journey=${JID}][data-change=changed]`);
    await changed.waitFor();
    // The readable diff comes first; the same changes as JSON pointers are folded below it (issue 13).
    await changed.locator("details.diff-json > summary").click();
    const row = changed.locator("tr", { has: page.locator("th", { hasText: "/actions/0/html" }) });
    expect(await row.locator("td.before").innerText()).toContain("E2E promo, visit {{visitor.visits}}");
    expect(await row.locator("td.after").innerText()).toContain("E2E promo v2");
    await page.click("button:has-text('Publish…')");
    await page.locator("dialog[open] button:has-text('Publish now')").click();
    await expect.poll(noticeText).toMatch(/Published version \d+/);
    const second = Number(/Published version (\d+)/.exec(await noticeText())![1]);
    expect(second).toBeGreaterThan(firstVersion);
    await expect.poll(async () => (await visitorHome()).includes("E2E promo v2"), { timeout: 20_000 }).toBe(true);

    // Compare the first version with the live one, then roll back to it.
    const old = page.locator(`tr[data-version="${firstVersion}"]`);
    await old.locator("button:has-text('Compare with live')").click();
    await page.locator(`.compare article[data-journey=${JID}][data-change=changed]`).waitFor();
    await shoot("publish-compare");
    await old.locator("td.row-actions > button", { hasText: `Roll back to v${firstVersion}` }).click();
    const dialog = page.locator("dialog[open]");
    expect(await dialog.innerText()).toContain(`Roll back to version ${firstVersion}?`);
    await dialog.locator("button", { hasText: `Roll back to v${firstVersion}` }).click();
    await expect.poll(noticeText).toContain(`Rolled back to version ${firstVersion}`);
    const live = Number(/live is now version (\d+)/.exec(await noticeText())![1]);
    expect(live).toBeGreaterThan(second);
    const liveRow = page.locator(`tr[data-version="${live}"].live`);
    await liveRow.waitFor();
    expect(await liveRow.innerText()).toContain(`rollback to v${firstVersion}`);
    await expect
      .poll(async () => (await visitorHome()).match(/class="e2e-promo">([^<]*)</)?.[1], { timeout: 20_000 })
      .toMatch(/^E2E promo, visit \d+$/);
    // The drafts follow the rollback: the editor shows the first version's HTML again.
    await page.goto(`${DASH}journeys/${JID}`);
    expect(await page.inputValue("#f-actions-0-html")).toContain("E2E promo, visit {{visitor.visits}}");
  }, 120_000);

  it("keeps an audit log of who did what", async () => {
    await nav("Audit log");
    const table = page.locator("table.audit");
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain("rollback");
    expect(text).toContain(`to v${firstVersion}`);
    expect(text).toContain("publish");
    expect(text).toContain(JID);
    await shoot("audit");
  });

  it("pauses and resumes a journey from the list (live at once), and deletes it", async () => {
    await nav("Journeys");
    const row = page.locator(`tr[data-journey=${JID}]`);
    await row.locator("button[aria-label='Pause E2E promo']").click();
    await page.locator("dialog[open] button:has-text('Pause journey')").click();
    await expect.poll(noticeText).toContain("Paused");
    await row.locator(".badge.status-paused").waitFor();
    await expect.poll(async () => (await visitorHome()).includes("e2e-promo"), { timeout: 20_000 }).toBe(false);

    await row.locator("button[aria-label='Resume E2E promo']").click();
    await expect.poll(noticeText).toContain("Resumed");
    await expect.poll(async () => (await visitorHome()).includes("e2e-promo"), { timeout: 20_000 }).toBe(true);

    await row.locator("button[aria-label='Delete E2E promo']").click();
    await page.locator("dialog[open] button:has-text('Delete journey')").click();
    await expect.poll(noticeText).toContain("Deleted");
    await row.waitFor({ state: "detached" });
    // Deleting a draft takes the journey out of the next publish.
    await nav("Publish");
    const removed = page.locator(`.diff article[data-journey=${JID}]`);
    await removed.waitFor();
    expect(await removed.getAttribute("data-change")).toBe("removed");
  }, 120_000);

  it("signs out; the token never appeared in a URL and the pages raised no errors", async () => {
    await page.click("button:has-text('Sign out')");
    await page.locator("#admin-token").waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("waymark.adminToken"))).toBeNull();
    expect(requestedUrls.filter((u) => u.includes(token))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((m) => !/401|Failed to load resource/.test(m))).toEqual([]);
  });
});
