import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Issue 16: a journey's schedule, traffic share and exclusion group typed in the dashboard's form (times in the
// browser's time zone, traffic in percent with its error in percent), the list's badges once published, and the
// Program page, in Chromium against the shared `wrangler dev` Worker. Screenshots: artifacts/schedule-traffic/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("schedule-traffic");
const DASH = `${base}/__waymark/dashboard/`;
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const JOURNEY = "launch-hero-e2e";

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Paris" });
  page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(DASH);
  await page.fill("#admin-token", token);
  await page.click("button[type=submit]");
  await page.locator("table.journeys").waitFor();
});
afterAll(async () => {
  await browser?.close();
  await fetch(`${base}/__waymark/api/journeys/${JOURNEY}`, { method: "DELETE", headers: auth });
  await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: auth, body: "{}" });
});

describe("schedule, traffic and group in the dashboard (issue 16)", () => {
  it("saves them in the journey's terms and shows scheduled, the traffic and the group once published", async () => {
    await page.goto(`${DASH}journeys/new`);
    await page.locator("#f-name").waitFor();
    await page.fill("#f-name", "Launch hero e2e");
    expect(await page.locator("#schedule-zone").innerText()).toContain("Europe/Paris");
    await page.fill("#f-schedule-start", "2030-01-01T09:00");
    await page.fill("#f-traffic", "150");
    await page.fill("#f-group", "hero-e2e");
    await page.click("button:has-text('Create draft')");
    await page.locator("#f-traffic-err").waitFor();
    expect(await page.locator("#f-traffic-err").innerText()).toContain("between 0% and 100%");
    await page.fill("#f-traffic", "25");
    await page.click("button:has-text('Create draft')");
    await page.waitForURL(`${DASH}journeys/${JOURNEY}`);
    await page.screenshot({ path: `${shots}journey-form.png`, fullPage: true });
    const saved = await (await fetch(`${base}/__waymark/api/journeys/${JOURNEY}`, { headers: auth })).json();
    // 09:00 in Paris in winter is 08:00 UTC.
    expect(saved.journey).toMatchObject({
      schedule: { start: "2030-01-01T08:00:00.000Z" },
      traffic: 0.25,
      group: "hero-e2e",
    });

    expect((await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: auth, body: "{}" })).ok).toBe(true);
    await page.goto(DASH);
    const row = page.locator(`table.journeys tr:has-text('Launch hero e2e')`);
    await row.waitFor();
    const badges = await row.locator(".badges").innerText();
    expect(badges).toContain("scheduled");
    expect(badges).toContain("25% traffic");
    expect(badges).toContain("group hero-e2e");
    await page.screenshot({ path: `${shots}journey-list.png`, fullPage: true });
  });

  it("shows the Program page", async () => {
    await page.click("nav >> text=Program");
    await page.locator("h1:has-text('Program')").waitFor();
    await page.locator("[data-note=global-holdout]").waitFor();
    expect(await page.locator("[data-note=global-holdout]").innerText()).toMatch(/global holdout/i);
    await page.screenshot({ path: `${shots}program.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
