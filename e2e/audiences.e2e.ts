import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Issue 16: a saved audience created in the dashboard, picked in a journey's conditions, shown as "used by", and
// refused deletion while used, in Chromium against the shared `wrangler dev` Worker. Screenshots: artifacts/audiences/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("audiences");
const DASH = `${base}/__waymark/dashboard/`;
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const AUDIENCE = "newsletter-readers-e2e";
const JOURNEY = "newsletter-welcome-e2e";

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(DASH);
  await page.fill("#admin-token", token);
  await page.click("button[type=submit]");
  await page.locator("table.journeys").waitFor();
});
afterAll(async () => {
  await browser?.close();
  // Leave the shared Worker as the other e2e files expect it.
  await fetch(`${base}/__waymark/api/journeys/${JOURNEY}`, { method: "DELETE", headers: auth });
  await fetch(`${base}/__waymark/api/audiences/${AUDIENCE}`, { method: "DELETE", headers: auth });
  await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: auth, body: "{}" });
});

describe("saved audiences in the dashboard (issue 16)", () => {
  it("creates an audience, uses it in a journey, shows where it is used and refuses to delete it", async () => {
    await page.click("nav >> text=Audiences");
    await page.locator("h1:has-text('Audiences')").waitFor();
    await page.click("text=New audience");
    await page.locator("#f-name").waitFor();
    await page.fill("#f-name", "Newsletter readers e2e");
    expect(await page.inputValue("#f-id")).toBe(AUDIENCE);
    // The starting condition: utm_source of the first visit is newsletter, in plain labels.
    expect(await page.locator("#f-conditions-0-type option:checked").innerText()).toBe("Campaign (UTM)");
    expect(await page.locator("#f-conditions-0-touch option:checked").innerText()).toBe("the first visit ever");
    // A mistake is said in plain words at the field.
    await page.fill("#f-conditions-0-equals", "");
    await page.click("text=Add condition");
    await page.selectOption("#f-conditions-1-type", "session");
    await page.fill("#f-conditions-1-sinceLastAtLeast", "a week");
    await page.click("button:has-text('Save audience')");
    await page.locator(".error-summary").waitFor();
    expect(await page.locator("#f-conditions-1-sinceLastAtLeast-err").innerText()).toContain("duration");
    await page.fill("#f-conditions-1-sinceLastAtLeast", "7d");
    await page.fill("#f-conditions-0-equals", "newsletter");
    await page.click("button:has-text('Save audience')");
    await page.waitForURL(`${DASH}audiences/${AUDIENCE}`);
    await page.locator(".notice:has-text('saved')").waitFor();
    await page.screenshot({ path: `${shots}audience-edit.png`, fullPage: true });
    const saved = await (await fetch(`${base}/__waymark/api/audiences/${AUDIENCE}`, { headers: auth })).json();
    expect(saved.audience.conditions).toEqual([
      { type: "utm", param: "source", equals: "newsletter", touch: "first" },
      { type: "session", gte: 2, sinceLastAtLeast: "7d" },
    ]);

    // A new journey whose audience is the saved one, picked by name.
    await page.goto(`${DASH}journeys/new`);
    await page.locator("#f-name").waitFor();
    await page.fill("#f-name", "Newsletter welcome e2e");
    await page.selectOption("#f-when-add", "audience");
    await page.click("#f-caps >> text=Add condition");
    await page.locator("#f-when-0-id option", { hasText: "Newsletter readers e2e" }).waitFor({ state: "attached" });
    await page.selectOption("#f-when-0-id", AUDIENCE);
    await page.screenshot({ path: `${shots}journey-audience-picker.png`, fullPage: true });
    await page.click("button:has-text('Create draft')");
    await page.waitForURL(`${DASH}journeys/${JOURNEY}`);
    const journey = await (await fetch(`${base}/__waymark/api/journeys/${JOURNEY}`, { headers: auth })).json();
    expect(journey.journey.when).toEqual([{ type: "audience", id: AUDIENCE }]);

    // The audiences page says where it is used; deleting it is refused with a plain message.
    await page.goto(`${DASH}audiences`);
    const row = page.locator(`tr[data-audience="${AUDIENCE}"]`);
    await row.waitFor();
    expect(await row.locator(".used-by").innerText()).toContain(`Journey ${JOURNEY}`);
    await page.screenshot({ path: `${shots}audiences-list.png`, fullPage: true });
    await row.locator("a").first().click();
    await page.locator("section.used-by").waitFor();
    await page.click("button:has-text('Delete audience')");
    await page.click("dialog button:has-text('Delete')");
    await page.locator(".notice:has-text('cannot be deleted while it is used')").waitFor();
    expect(await page.locator(".notice").innerText()).toContain(`journeys ${JOURNEY}`);
    await page.screenshot({ path: `${shots}delete-refused.png`, fullPage: true });
    expect((await fetch(`${base}/__waymark/api/audiences/${AUDIENCE}`, { headers: auth })).status).toBe(200);

    // The publish page lists the audience beside the journey, and publishes both in one version.
    await page.click("nav >> text=Publish & versions");
    await page.locator(`.audience-changes li:has-text("Newsletter readers e2e")`).waitFor();
    expect(await page.locator(".audience-changes").innerText()).toContain("new");
    await page.screenshot({ path: `${shots}publish-page.png`, fullPage: true });
    await page.click("button:has-text('Publish…')");
    await page.click("dialog button:has-text('Publish now')");
    await page.locator(".notice.success").waitFor();
    const live = await (await fetch(`${base}/__waymark/api/versions`, { headers: auth })).json();
    const version = await (await fetch(`${base}/__waymark/api/versions/${live.live}`, { headers: auth })).json();
    expect(version.audiences.map((a: { id: string }) => a.id)).toContain(AUDIENCE);
    expect(version.journeys.map((j: { id: string }) => j.id)).toContain(JOURNEY);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
