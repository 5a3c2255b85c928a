import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Issue 16: visitor lookup in the dashboard (read-only). A shopper browses the demo shop and adds to the cart; the
// marketer looks the visitor up by the id /__waymark/me gives, sees the journeys with stage, branch and since when,
// the recent events, pending work, and the decision trace for a page. Screenshots in artifacts/visitor-lookup/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("visitor-lookup");
const DASH = `${base}/__waymark/dashboard/`;

let browser: Browser;
let page: Page;
let visitorId = "";
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // The shopper: a fresh visitor who looks at a product and adds it to the cart.
  const shop = await browser.newContext();
  const shopper = await shop.newPage();
  await shopper.goto(`${base}/products`);
  const product = await shopper.locator("a[href^='/products/']").first().getAttribute("href");
  await shopper.goto(`${base}${product}`);
  await shopper.waitForFunction(() => (window as unknown as { waymark?: { __wm?: boolean } }).waymark?.__wm === true);
  const added = shopper.waitForResponse(
    (r) => r.url() === `${base}/__waymark/events` && (r.request().postData() ?? "").includes('"type":"add_to_cart"'),
  );
  await shopper.click("button.add-to-cart");
  expect((await added).status()).toBe(200);
  const me = (await (await shop.request.get(`${base}/__waymark/me`)).json()) as {
    visitorId: string;
    cart?: { count: number };
    journeys?: Record<string, unknown>;
  };
  visitorId = me.visitorId;
  expect(me.cart?.count).toBe(1);
  expect(Object.keys(me.journeys ?? {})).toContain("abandoned-cart");
  await shop.close();

  // The dashboard's files are rebuilt by wrangler when dashboard/src changes (the folder is empty meanwhile).
  for (let tries = 0; (await fetch(DASH)).status !== 200; tries++) {
    if (tries > 90) throw new Error("the dashboard's files were not built within 90 s");
    await new Promise((r) => setTimeout(r, 1_000));
  }
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
});

describe("visitor lookup (issue 16)", () => {
  it("refuses a malformed id in words, before asking the API", async () => {
    await page.click("nav[aria-label=Main] a:has-text('Visitors')");
    await page.waitForURL(`${DASH}visitors`);
    await page.fill("#lookup-id", "not an id");
    await page.click("button:has-text('Look up')");
    expect(await page.locator("#lookup-id-err").innerText()).toMatch(/^A visitor id is 22 to 32/);
    expect(page.url()).toBe(`${DASH}visitors`);
  });

  it("looks the shopper up: journeys with stage, branch and since when, events, pending work", async () => {
    await page.fill("#lookup-id", visitorId);
    await page.click("button:has-text('Look up')");
    await page.waitForURL(`${DASH}visitors/${visitorId}`);
    await page.locator("#visitor-title").waitFor();
    expect(await page.locator("#visitor-title").innerText()).toContain(visitorId);
    const facts = await page.locator("dl.facts").innerText();
    expect(facts).toMatch(/Cart\s+1 item/);

    const row = page.locator("table.visitor-journeys tr[data-journey='abandoned-cart']");
    expect(await row.locator("th").innerText()).toContain("Abandoned cart rescue");
    expect(await row.locator("td").nth(0).innerText()).toBe("carting");
    expect(["discount", "reminder", "holdout"]).toContain(await row.locator("td").nth(1).innerText());
    expect(await row.locator("td").nth(2).innerText()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((just now|\d+ min ago)\)$/,
    );

    const events = await page
      .locator("table.visitor-events tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-type")));
    expect(events[0]).toBe("add_to_cart");
    expect(events).toContain("view_item");
    // The cart stage waits for a due transition: the alarm is pending.
    expect(await page.locator("ul.pending-work").innerText()).toContain("Next alarm");
    await page.screenshot({ path: `${shots}visitor.png`, fullPage: true });
  });

  it("traces a page for this visitor: each journey and why", async () => {
    await page.fill("#trace-url", "/cart");
    await page.click("button:has-text('Trace')");
    const journey = page.locator(".visitor-trace li.trace-journey[data-journey='abandoned-cart']");
    await journey.waitFor();
    expect(await journey.innerText()).toContain("stage carting");
    expect(await page.locator(".visitor-trace li.trace-journey").count()).toBeGreaterThanOrEqual(3);
    await page.locator("#visitor-trace-title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}visitor-trace.png`, fullPage: true });
  });

  it("an unknown customer says so in words", async () => {
    await page.check("input[name=lookup-kind][value=customer]");
    await page.fill("#lookup-id", "nobody-42");
    await page.click("button:has-text('Look up')");
    await page.waitForURL(`${DASH}visitors/${encodeURIComponent("customer:nobody-42")}`);
    await expect.poll(() => page.locator(".visitor-result").innerText()).toContain("No customer nobody-42 is stored");
  });

  it("had no page errors", () => expect(pageErrors).toEqual([]));
});
