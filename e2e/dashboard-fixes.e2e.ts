import type { Browser, BrowserContext, Dialog, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";
import { startWaymark, type RunningWaymark } from "./support/start-waymark.ts";

// Issue 13's dashboard fixes, in Chromium against `wrangler dev` (demo shop): stage renames carry through, a section
// that holds an error opens and stays open after the fix, form errors in plain words and the form's units, a new
// journey's id follows its name, the simulator's sample visits a real demo page, the publish toast says what is
// true, and one journey's draft can be discarded. Screenshots go to artifacts/dashboard-fixes/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("dashboard-fixes");
const DASH = `${base}/__waymark/dashboard/`;
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };

let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const created: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
  for (const id of created) await fetch(`${base}/__waymark/api/journeys/${id}`, { method: "DELETE", headers: auth });
  if (created.length) await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: auth, body: "{}" });
});

// The previous test may leave an unsaved draft, whose leave guard asks before unloading. Playwright dismisses an
// unhandled dialog, which cancels the navigation (net::ERR_ABORTED) whenever the guard was already armed: leaving is
// what a new test means, so it says so.
const newJourney = async () => {
  const leave = (d: Dialog) => void (d.type() === "beforeunload" ? d.accept() : d.dismiss());
  page.on("dialog", leave);
  try {
    await page.goto(`${DASH}journeys/new`);
  } finally {
    page.off("dialog", leave);
  }
  await page.locator("#f-stages-0-id").waitFor();
};
const jsonView = async () => {
  await page.click(".segmented button:has-text('JSON')");
  const json = JSON.parse(await page.inputValue("#f-json"));
  await page.click(".segmented button:has-text('Form')");
  return json;
};

describe("dashboard fixes (issue 13)", () => {
  it("renaming a stage carries the new id to the start stage, transitions and actions (form and JSON)", async () => {
    await newJourney();
    await page.fill("#f-stages-0-id", "browsing");
    await page.fill("#f-stages-1-id", "in-cart");
    expect(await page.inputValue("#f-start")).toBe("browsing");
    expect(await page.locator("#f-transitions-0-to").inputValue()).toBe("in-cart");
    const fromChecked = page.locator("#f-transitions-0-from input:checked");
    expect(await fromChecked.evaluateAll((els) => els.map((e) => e.closest("label")!.textContent!.trim()))).toEqual([
      "browsing",
    ]);
    expect(await page.locator("main").innerText()).not.toContain("(unknown)");
    expect(await page.locator(".error-summary").count()).toBe(0);
    await page.screenshot({ path: `${shots}stage-renamed.png`, fullPage: true });
    const json = await jsonView();
    expect(json.start).toBe("browsing");
    expect(json.transitions[0]).toMatchObject({ from: "browsing", to: "in-cart" });
    expect(json.actions[0].stage).toBe("in-cart");
  });

  it("a collapsed part that holds an error opens, and stays open once the error is fixed", async () => {
    await newJourney();
    const more = page.locator("#f-actions-0 details.sub");
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // An error inside the collapsed part (the action id), made in the JSON view: the form opens the part.
    await page.click(".segmented button:has-text('JSON')");
    const json = JSON.parse(await page.inputValue("#f-json"));
    json.actions[0].id = "bad id!";
    await page.fill("#f-json", JSON.stringify(json, null, 2));
    await page.click(".segmented button:has-text('Form')");
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator("#f-actions-0-id-err").isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}collapsed-error-opened.png`, fullPage: true });
    // Fixed: the part stays open under the marketer's cursor.
    await page.fill("#f-actions-0-id", "welcome-banner");
    expect(await page.locator("#f-actions-0-id-err").count()).toBe(0);
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // A transition's conditions: the same.
    await page.locator("#f-transitions-0 details.sub > summary").click();
    await page.click("#f-transitions-0 details.sub button:has-text('Add condition')");
    const cond = page.locator("#f-transitions-0 details.sub");
    expect(await cond.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  });

  it("form errors are in plain words and in the form's units (the holdout in percent)", async () => {
    await newJourney();
    await page.fill("#f-name", "");
    expect(await page.locator("#f-name-err").innerText()).toBe("can't be empty");
    await page.fill("#f-holdout", "150");
    expect(await page.locator("#f-holdout-err").innerText()).toBe("must be between 0% and 100%");
    await page.fill("#f-priority", "1.5");
    expect(await page.locator("#f-priority-err").innerText()).toBe("must be a whole number");
    const summary = await page.locator(".error-summary").innerText();
    expect(summary).not.toMatch(/Too small|Too big|expected (string|number)|Invalid input/);
    await page.screenshot({ path: `${shots}plain-errors.png`, fullPage: true });
    await page.fill("#f-holdout", "10");
    expect(await page.locator("#f-holdout-err").count()).toBe(0);
  });

  it("a new journey's id follows its name until the id is edited", async () => {
    await newJourney();
    await page.fill("#f-name", "Summer Sale: 20% off!");
    expect(await page.inputValue("#f-id")).toBe("summer-sale-20-off");
    await page.fill("#f-id", "sale-2026");
    await page.fill("#f-name", "Summer Sale, again");
    expect(await page.inputValue("#f-id")).toBe("sale-2026");
  });

  it("the simulator's sample timeline visits pages the demo shop has", async () => {
    await page.goto(`${DASH}simulator`);
    // The timeline renders after the page loads (the simulator fetches its journeys first): evaluateAll does not wait.
    await page.locator("input[id$='-path']").first().waitFor();
    const paths = await page
      .locator("input[id$='-path']")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect((await fetch(`${base}${path}`)).status, path).toBe(200);
  });

  it("the publish toast says when pages show the new version, not that it is live at once", async () => {
    const id = `e2e-fixes-${Date.now().toString(36)}`;
    created.push(id);
    await newJourney();
    await page.fill("#f-id", id);
    await page.fill("#f-name", "E2E fixes");
    await page.click("button:has-text('Create draft')");
    await page.waitForURL(`${DASH}journeys/${id}`);
    await page.goto(`${DASH}publish`);
    await page.locator(`.diff article[data-journey=${id}]`).waitFor();
    await page.click("button:has-text('Publish…')");
    await page.locator("dialog[open] button:has-text('Publish now')").click();
    await expect.poll(() => page.locator(".notice").innerText()).toMatch(/Published version \d+/);
    const text = await page.locator(".notice").innerText();
    expect(text).toMatch(/^Published version \d+: pages show it within about 5 seconds\.$/m);
    expect(text).not.toMatch(/live now/i);
    await page.screenshot({ path: `${shots}publish-toast.png` });
  });

  it("discards one journey's draft: back to its live version, the other journeys untouched", async () => {
    const id = created[created.length - 1];
    await page.goto(`${DASH}journeys/${id}`);
    await page.locator("#f-name").waitFor();
    expect(await page.locator("button:has-text('Discard draft')").count()).toBe(0);
    await page.fill("#f-name", "E2E fixes, edited");
    await page.click("button:has-text('Save draft')");
    await expect.poll(() => page.locator(".notice").innerText()).toContain("saved");
    await page.click("button:has-text('Discard draft')");
    const dialog = page.locator("dialog[open]");
    expect(await dialog.innerText()).toContain("goes back to the live version");
    await page.screenshot({ path: `${shots}discard-draft.png` });
    await dialog.locator("button:has-text('Discard draft')").click();
    await expect.poll(() => page.locator(".notice").innerText()).toContain("discarded");
    expect(await page.inputValue("#f-name")).toBe("E2E fixes");
    const r = await fetch(`${base}/__waymark/api/journeys/${id}`, { headers: auth });
    const record = (await r.json()) as { dirty: boolean; journey: { name: string } };
    expect(record).toMatchObject({ dirty: false, journey: { name: "E2E fixes" } });
    const seed = await fetch(`${base}/__waymark/api/journeys/abandoned-cart`, { headers: auth });
    expect(((await seed.json()) as { dirty: boolean }).dirty).toBe(false);
  });

  it("warns at a redirect's absolute URL when the site's host is unknown (no ORIGIN_URL: the demo shop)", async () => {
    await newJourney();
    await page.selectOption("#f-actions-0-type", "redirect");
    await page.fill("#f-actions-0-url", "https://evil.example.com/phish");
    expect(await page.locator("#f-actions-0-url-warn").innerText()).toContain("host is not known");
    expect(await page.locator("#f-actions-0-url-err").count()).toBe(0);
    await page.fill("#f-actions-0-url", "/pricing");
    expect(await page.locator("#f-actions-0-url-warn").count()).toBe(0);
  });

  it("had no page errors", () => expect(pageErrors).toEqual([]));
});

describe("a redirect to another site, with the site's host known (ORIGIN_URL set)", () => {
  let front: RunningWaymark;
  let p: Page;
  beforeAll(async () => {
    // A second Worker in front of the first one: its ORIGIN_URL gives the site's host.
    front = await startWaymark({ ORIGIN_URL: base });
    p = await ctx.newPage();
    p.on("pageerror", (e) => pageErrors.push(e.message));
    await p.goto(`${front.url}/__waymark/dashboard/`);
    await p.fill("#admin-token", token);
    await p.click("button[type=submit]");
    // No journeys in front of a real origin (no demo seeds): the list's "New journey" link says we are in.
    await p.locator("a:has-text('New journey')").waitFor();
  });
  afterAll(async () => {
    await p?.close();
    await front?.stop();
  });

  it("is refused at the field, before saving, and by the API on save", async () => {
    await p.goto(`${front.url}/__waymark/dashboard/journeys/new`);
    await p.locator("#f-actions-0-type").waitFor();
    await p.selectOption("#f-actions-0-type", "redirect");
    await p.fill("#f-actions-0-url", "https://evil.example.com/phish");
    const err = p.locator("#f-actions-0-url-err");
    await expect.poll(() => err.count()).toBe(1);
    expect(await err.innerText()).toContain("a redirect never leaves the site");
    expect(await p.locator("#f-actions-0-url-warn").count()).toBe(0);
    await p.screenshot({ path: `${shots}redirect-off-site.png`, fullPage: true });
    const res = await fetch(`${front.url}/__waymark/api/validate`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        id: "x",
        name: "x",
        stages: [{ id: "s" }],
        start: "s",
        actions: [{ type: "redirect", url: "https://evil.example.com/phish" }],
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: unknown[] }[] }).issues[0].path).toEqual(["actions", 0, "url"]);
    await p.fill("#f-actions-0-url", "/pricing");
    expect(await err.count()).toBe(0);
  });
});
