import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser, launchWithExtension } from "./support/browser.ts";
import { grantHostInProfile, unpackedExtensionId } from "./support/extension-profile.ts";

// Extension pages run `chrome.*`; e2e/ has no extension typings, and these calls are checked by what they return.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

// The marketer QA extension, BUILT (extension/.output/chrome-mv3), loaded into Debian's headless Chromium against
// the e2e Worker and its demo shop: configure it, force each abandoned-cart branch and see its banner, read the
// trace, highlight Waymark's changes, simulate the sandbox visitor, run a QA pass with screenshots, and check that a
// tampered token forces nothing.
const base = inject("baseUrl");
const adminToken = inject("adminToken");
const shots = artifactsDir("extension");
const EXT_DIR = fileURLToPath(new URL("../extension/.output/chrome-mv3", import.meta.url));
const BANNER = { discount: "SAVE10", reminder: "Your cart is waiting" };

let ctx: BrowserContext;
let extId: string;
let shop: Page;
let panel: Page;
let shopTabId: number;
let profile: string;

/** Runs `fn` in an extension page (chrome.* available) and returns its result. */
function inExtension<T, A>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
  return panel.evaluate(fn as (arg: unknown) => Promise<T> | T, arg);
}

async function sessionRules(): Promise<{ id: number; condition: { urlFilter?: string } }[]> {
  return inExtension(() => chrome.declarativeNetRequest.getSessionRules(), null);
}

/** Clicks something that reloads the shop tab, and resolves once the reloaded page has loaded. */
async function reloadsShop(action: () => Promise<unknown>): Promise<void> {
  const loaded = shop.waitForEvent("load", { timeout: 20_000 });
  await action();
  await loaded;
}

/** The Waymark banner's text on a page, or null when there is none (never waits for one to appear). */
async function bannerText(page: Page = shop): Promise<string | null> {
  const banner = page.locator(".wm-banner");
  return (await banner.count()) ? banner.first().innerText() : null;
}

beforeAll(async () => {
  if (!existsSync(join(EXT_DIR, "manifest.json")))
    throw new Error(`build the extension first: npm run build -w extension (missing ${EXT_DIR})`);
  profile = mkdtempSync(join(tmpdir(), "waymark-ext-e2e-"));
  // First launch installs the extension into the profile; the second runs with the user's grant in place.
  const first = await launchWithExtension(EXT_DIR, profile);
  const sw = first.serviceWorkers()[0] ?? (await first.waitForEvent("serviceworker"));
  extId = new URL(sw.url()).host;
  expect(extId).toBe(unpackedExtensionId(EXT_DIR));
  await first.close();
  grantHostInProfile(profile, extId, "http://127.0.0.1/*");
  ctx = await launchWithExtension(EXT_DIR, profile);
  if (!ctx.serviceWorkers().length) await ctx.waitForEvent("serviceworker");
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("marketer QA extension", () => {
  it("is configured from its options page: site, admin token, host access for that site only", async () => {
    const options = await ctx.newPage();
    await options.goto(`chrome-extension://${extId}/options.html`);
    // A token the site refuses: the site is saved, the check says so, and it can be edited with the right token
    // (issue 13: a site saved with a rejected token could not be edited, only removed).
    await options.fill("input[name=site]", `${base}/products`);
    await options.fill("input[name=token]", "not-the-admin-token-0123");
    await options.click("[data-testid=save-site]");
    const saved = options.locator(`[data-testid=site][data-origin="${base}"]`);
    await expect.poll(() => saved.locator("[data-testid=check]").innerText()).toMatch(/401|token/i);
    await saved.locator("[data-testid=edit-site]").click();
    expect(await options.inputValue("input[name=site]")).toBe(base);
    expect(await options.locator("form[data-testid=add-site] h2").innerText()).toBe("Update a site");
    await options.fill("input[name=site]", `${base}/products`);
    await options.fill("input[name=token]", adminToken);
    await options.click("[data-testid=save-site]");
    const card = options.locator(`[data-testid=site][data-origin="${base}"]`);
    await expect.poll(() => card.locator("[data-testid=access]").innerText()).toBe("access granted");
    await expect.poll(() => card.locator("[data-testid=check]").innerText()).toMatch(/Connected: .*3 journeys/);
    const perms = await options.evaluate(() => chrome.permissions.getAll());
    expect(perms.origins).toEqual(["http://127.0.0.1/*"]);
    // The token is in extension storage, not in any page.
    const stored = await options.evaluate(() => chrome.storage.local.get("sites"));
    expect(stored.sites).toEqual([{ origin: base, token: adminToken }]);
    // Readable in a full tab (issue 13: it used ~11 px text): no text under 14 px.
    const smallest = await options.evaluate(() => {
      let min = Infinity;
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim());
        if (own) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(14);
    await options.close();
  });

  it("detects Waymark on the shop tab and lists journeys with stages and branches", async () => {
    shop = await ctx.newPage();
    await shop.setViewportSize({ width: 1100, height: 720 });
    await shop.goto(`${base}/products`);
    panel = await ctx.newPage();
    await panel.setViewportSize({ width: 420, height: 1000 });
    await panel.goto(`chrome-extension://${extId}/sidepanel.html`);
    const tabs = await inExtension((u) => chrome.tabs.query({ url: `${u}/*` }), base);
    expect(tabs).toHaveLength(1);
    shopTabId = tabs[0].id!;
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tabId=${shopTabId}`);
    await expect.poll(() => panel.locator("[data-testid=waymark-detected]").innerText()).toBe("Waymark detected");
    const card = panel.locator("[data-testid=journey-abandoned-cart]");
    await card.waitFor();
    for (const stage of ["browsing", "carting", "abandoned", "purchased"])
      for (const branch of ["discount", "reminder"])
        expect(await card.locator(`[data-testid=force-abandoned-cart-${stage}-${branch}]`).count()).toBe(1);
    expect(await panel.locator("[data-testid^=journey-]").count()).toBe(3);
    expect(await bannerText()).toBeNull();
  });

  it("forces a branch: that branch's banner on the page, a badge, the header on this site only", async () => {
    await reloadsShop(() => panel.click("[data-testid=force-abandoned-cart-abandoned-discount]"));
    await expect.poll(bannerText).toContain(BANNER.discount);
    await expect
      .poll(() => panel.locator("[data-testid=preview-banner]").innerText())
      .toMatch(/abandoned-cart.*abandoned.*discount/s);
    expect(await inExtension(() => chrome.action.getBadgeText({}), null)).toBe("DISC");
    const rules = await sessionRules();
    expect(rules.map((r) => r.condition.urlFilter)).toEqual([`|${base}/`]);

    await reloadsShop(() => panel.click("[data-testid=force-abandoned-cart-abandoned-reminder]"));
    await expect.poll(bannerText).toContain(BANNER.reminder);
    expect(await bannerText()).not.toContain(BANNER.discount);
    expect(await inExtension(() => chrome.action.getBadgeText({}), null)).toBe("REMI");
    expect(await sessionRules()).toHaveLength(1);
  });

  it("copies a shareable preview link that shows the branch to a browser without the extension", async () => {
    await panel.click("[data-testid=link-abandoned-cart-abandoned-discount]");
    const link = await panel.locator("[data-testid=preview-link]").inputValue();
    expect(link).toMatch(new RegExp(`^${base}/__waymark/preview\\?token=`));
    const colleague = await launchBrowser(); // no extension, no admin token
    try {
      const page = await colleague.newPage();
      await page.goto(link);
      await expect.poll(() => bannerText(page)).toContain(BANNER.discount);
      // The colleague sees that it is a preview, and can leave it (issue 13).
      const bar = page.locator("#__waymark_preview_bar");
      expect(await bar.isVisible()).toBe(true);
      expect(await bar.innerText()).toMatch(/Previewing journey abandoned-cart · stage abandoned · branch discount/);
      await page.screenshot({ path: join(shots, "shared-preview-bar.png") });
      await bar.locator("a", { hasText: "Stop preview" }).click();
      await page.waitForURL(`${base}/`);
      expect(await page.locator("#__waymark_preview_bar").count()).toBe(0);
    } finally {
      await colleague.close();
    }
  });

  it("explains why: the trace of the previewed page, journey by journey", async () => {
    await panel.click("[data-testid=tab-why]");
    const t = panel.locator("[data-testid=trace-abandoned-cart]");
    await t.waitFor();
    expect(await t.getAttribute("data-status")).toBe("applied");
    expect(await t.innerText()).toMatch(/forced/);
    expect(await t.innerText()).toMatch(/branch reminder/);
    // A preview is QA of one journey (issue 12 item 11): only the previewed journey is traced, not every other one.
    expect(await panel.locator("[data-testid^=trace-]:not([data-testid=trace-source])").count()).toBe(1);
    expect(await panel.locator("[data-testid=trace-source]").innerText()).toMatch(/preview:/);
  });

  it("highlights what Waymark inserted, in a shadow-root overlay, and tells what is behind it", async () => {
    await panel.click("[data-testid=tab-where]");
    await panel.click("[data-testid=highlight-toggle]");
    const item = panel.locator("[data-testid=where-list] li").filter({ hasText: "abandoned-cart" });
    await expect.poll(() => item.count()).toBeGreaterThan(0);
    expect(await item.first().innerText()).toMatch(/abandoned-cart · abandoned · reminder/);

    // Jump to it from the list (a reload keeps the scroll position, which can leave a top banner above the fold).
    await item.first().click();
    await shop.bringToFront(); // the marketer looks at the page now (background tabs do not report visibility)
    await expect
      .poll(() => shop.evaluate(() => document.querySelector(".wm-banner")!.getBoundingClientRect().top))
      .toBeGreaterThanOrEqual(0);
    const host = shop.locator("waymark-qa-overlay");
    expect(await host.evaluate((el) => el.shadowRoot?.mode)).toBe("open");
    const box = shop.locator("waymark-qa-overlay .box").first();
    await box.click();
    const card = shop.locator("waymark-qa-overlay .card");
    expect(await card.locator(".journey").innerText()).toBe("abandoned-cart");
    expect(await card.locator(".stage").innerText()).toBe("abandoned");
    expect(await card.locator(".branch").innerText()).toBe("reminder");
    expect(await card.locator(".action").innerText()).toBe("reminder-banner");
    await shop.screenshot({ path: join(shots, "highlight.png") });
    // Site CSS cannot reach into the overlay: a page rule on .box changes nothing there.
    await shop.addStyleTag({ content: ".box, .card { display: none !important; }" });
    expect(await card.isVisible()).toBe(true);
    await panel.bringToFront();
  });

  it("saves a screenshot of the side panel", async () => {
    await panel.click("[data-testid=tab-preview]");
    await panel.screenshot({ path: join(shots, "sidepanel.png"), fullPage: true });
    await panel.click("[data-testid=tab-why]");
    await panel.locator("[data-testid=trace-abandoned-cart]").waitFor();
    await panel.screenshot({ path: join(shots, "sidepanel-why.png"), fullPage: true });
  });

  it("simulates the sandbox visitor: cart, then 31 minutes later the abandoned-cart banner names the item", async () => {
    await panel.click("[data-testid=tab-preview]");
    // A forced stage pins the page: the panel says so and offers the branch-only preview (issue 13).
    await reloadsShop(() => panel.click("[data-testid=force-abandoned-cart-browsing-discount]"));
    await panel.click("[data-testid=tab-simulate]");
    expect(await panel.locator("[data-testid=sim-pinned]").innerText()).toMatch(/stage browsing is forced/);
    await reloadsShop(() => panel.click("[data-testid=sim-branch-only]"));
    await expect.poll(() => panel.locator("[data-testid=sim-pinned]").count()).toBe(0);
    expect(await bannerText()).toBeNull(); // a fresh sandbox visitor is still browsing
    await reloadsShop(() => panel.click("[data-testid=sim-add-to-cart]"));
    await expect.poll(() => panel.locator("[data-testid=sim-result]").innerText()).toMatch(/1 event\(s\) accepted/);
    expect(await bannerText()).toBeNull();
    await reloadsShop(() => panel.click("[data-testid=sim-advance]"));
    await expect.poll(bannerText).toMatch(/Trail Runner.*SAVE10/s);
  });

  it("stop restores normal browsing: no rule, no badge, no banner", async () => {
    await panel.click("[data-testid=tab-preview]");
    await reloadsShop(() => panel.click("[data-testid=stop-preview]"));
    expect(await sessionRules()).toHaveLength(0);
    expect(await inExtension(() => chrome.action.getBadgeText({}), null)).toBe("");
    expect(await bannerText()).toBeNull();
  });

  it("runs a QA pass over every stage x branch with screenshots, saved to Waymark and exported", async () => {
    // Screenshots need the user to have invoked the extension on the tab (activeTab): a toolbar click on the shop
    // tab, in front, here over CDP.
    await shop.bringToFront();
    const cdp = await ctx.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
    const target = targetInfos.find((t) => t.url.startsWith(`${base}/products`));
    expect(target).toBeTruthy();
    await cdp.send("Extensions.triggerAction" as never, { id: extId, targetId: target!.targetId } as never);
    await panel.bringToFront();

    await panel.click("[data-testid=tab-qa]");
    await panel.click("[data-testid=qa-start]");
    const grid = panel.locator("[data-testid=qa-grid]");
    await expect.poll(() => grid.getAttribute("data-run-state"), { timeout: 90_000, interval: 500 }).toBe("done");
    const run = (await inExtension(() => chrome.storage.local.get("qaRun"), null)).qaRun as {
      cells: { stage: string; branch: string; state: string; outcome: string; screenshot?: string; error?: string }[];
    };
    expect(
      run.cells.map((c) => `${c.stage}/${c.branch}:${c.state}`),
      JSON.stringify(run.cells.map((c) => c.error).filter(Boolean)),
    ).toEqual(
      ["browsing", "carting", "abandoned", "purchased"].flatMap((s) => [
        `${s}/discount:captured`,
        `${s}/reminder:captured`,
      ]),
    );
    expect(run.cells.every((c) => c.outcome === "preview")).toBe(true);
    for (const c of run.cells)
      if (c.screenshot)
        writeFileSync(join(shots, `qa-${c.stage}-${c.branch}.jpg`), Buffer.from(c.screenshot.split(",")[1], "base64"));
    const shot = (s: string, b: string) => run.cells.find((c) => c.stage === s && c.branch === b)!.screenshot!;
    expect(shot("abandoned", "discount")).toMatch(/^data:image\/jpeg;base64,/);
    // Each branch's screenshot shows its own page: the two abandoned banners differ from each other and from browsing.
    expect(shot("abandoned", "discount")).not.toBe(shot("abandoned", "reminder"));
    expect(shot("abandoned", "discount")).not.toBe(shot("browsing", "discount"));
    // The run leaves no preview behind.
    expect(await sessionRules()).toHaveLength(0);
    await panel.bringToFront(); // the run brought the shop tab to the front for its captures

    const cell = (s: string, b: string) => panel.locator(`[data-testid=qa-cell-${s}-${b}]`);
    await cell("abandoned", "discount").locator("button.pass").click();
    await cell("abandoned", "reminder").locator("button.fail").click();
    await cell("abandoned", "reminder").locator("textarea").fill("banner should name the product first");
    await cell("abandoned", "reminder").locator("textarea").blur();
    await expect.poll(() => cell("abandoned", "reminder").getAttribute("class")).toContain("fail");
    await expect
      .poll(
        async () =>
          ((await inExtension(() => chrome.storage.local.get("qaRun"), null)).qaRun as { cells: { note: string }[] })
            .cells[5].note,
      )
      .toBe("banner should name the product first");
    await panel.click("[data-testid=qa-save]");
    await expect.poll(() => panel.locator("[data-testid=qa-note]").innerText()).toBe("Saved 2 result(s) to Waymark");

    const res = await fetch(`${base}/__waymark/api/qa?journey=abandoned-cart`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const { results } = (await res.json()) as {
      results: { stage: string; branch: string; status: string; note: string; screenshot?: string }[];
    };
    expect(results.find((r) => r.branch === "discount" && r.stage === "abandoned")).toMatchObject({ status: "pass" });
    expect(results.find((r) => r.branch === "reminder" && r.stage === "abandoned")).toMatchObject({
      status: "fail",
      note: "banner should name the product first",
    });
    expect(results.find((r) => r.branch === "reminder")?.screenshot).toMatch(/^data:image\/jpeg;base64,/);

    const download = panel.waitForEvent("download");
    await panel.click("[data-testid=qa-export]");
    const file = await (await download).path();
    const html = readFileSync(file, "utf8");
    expect(html).toContain("QA: Abandoned cart rescue");
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(8);
    writeFileSync(join(shots, "qa-report.html"), html);

    await panel.screenshot({ path: join(shots, "sidepanel-qa.png"), fullPage: true });
    const grid2 = await ctx.newPage();
    await grid2.setViewportSize({ width: 1280, height: 900 });
    await grid2.goto(`chrome-extension://${extId}/qa.html`);
    await grid2.locator("[data-testid=qa-grid] img").first().waitFor();
    // Thumbnails a marketer can read (issue 13: they were ~180px wide): at least 360px in the QA tab, and the full
    // width of the side panel.
    const width = (page: Page) =>
      page
        .locator("[data-testid=qa-grid] img")
        .first()
        .evaluate((el) => el.getBoundingClientRect().width);
    expect(await width(grid2)).toBeGreaterThanOrEqual(360);
    expect(await width(panel)).toBeGreaterThanOrEqual(360);
    await grid2.screenshot({ path: join(shots, "qa-grid.png"), fullPage: true });
    await grid2.close();
  });

  it("a tampered token forces nothing: the page is served as usual", async () => {
    const res = await fetch(`${base}/__waymark/api/preview-tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ journey: "abandoned-cart", stage: "abandoned", branch: "reminder" }),
    });
    const { token } = (await res.json()) as { token: string };
    const [payload, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    // A cart in the token's sandbox, so the genuine token visibly forces the banner below.
    const seeded = await fetch(`${base}/__waymark/api/visitors/${encodeURIComponent(`preview:${claims.jti}`)}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        events: [{ type: "add_to_cart", data: { id: "mug", name: "Enamel Camp Mug", price: 18, quantity: 1 } }],
      }),
    });
    expect(seeded.status).toBe(200);
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, branch: "discount" })).toString("base64url")}.${sig}`;

    // Ride the tampered token on the extension's own mechanism: the session rule for this site.
    await inExtension(
      ({ origin, value }) =>
        chrome.declarativeNetRequest.updateSessionRules({
          removeRuleIds: [1],
          addRules: [
            {
              id: 1,
              priority: 1,
              action: {
                type: "modifyHeaders",
                requestHeaders: [{ header: "X-Waymark-Preview", operation: "set", value }],
              },
              condition: { urlFilter: `|${origin}/`, resourceTypes: ["main_frame"] },
            },
          ],
        }),
      { origin: base, value: tampered },
    );
    const response = await shop.reload();
    expect(response!.headers()["x-waymark"]).not.toBe("preview");
    expect(response!.headers()["x-waymark-trace"]).toBeUndefined();
    expect(await bannerText()).toBeNull();
    await inExtension(() => chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [1] }), null);

    // Same through the shareable link; and the untampered token does force the branch, so the refusal above is
    // the signature's doing.
    const colleague = await launchBrowser();
    try {
      const page = await colleague.newPage();
      await page.goto(`${base}/__waymark/preview?token=${encodeURIComponent(tampered)}`);
      expect(await bannerText(page)).toBeNull();
      await page.goto(`${base}/__waymark/preview?token=${encodeURIComponent(token)}`);
      await expect.poll(() => bannerText(page)).toContain(BANNER.reminder);
    } finally {
      await colleague.close();
    }
  });
});
