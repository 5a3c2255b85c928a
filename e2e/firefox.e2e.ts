import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir } from "./support/browser.ts";

// Extension pages run `browser.*`; e2e/ has no extension typings, and these calls are checked by what they return.
declare const browser: any; // eslint-disable-line @typescript-eslint/no-explicit-any

// The Firefox build of the marketer extension (extension/.output/firefox-mv3), really run in Debian's firefox-esr,
// driven by puppeteer-core over WebDriver BiDi (no downloaded browser): installed as a temporary add-on, configured
// from the options page it opens on first install, a branch forced from the side panel, the banner seen on the page.
// `.ci/run` installs firefox-esr; elsewhere the file skips with a notice when it is missing.
const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const EXT_DIR = fileURLToPath(new URL("../extension/.output/firefox-mv3", import.meta.url));
const ADDON_ID = "waymark-qa@waymark.dev";
// Fixed moz-extension:// host for the add-on, so the test can recognise its pages (Firefox picks a random one).
const UUID = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const base = inject("baseUrl");
const adminToken = inject("adminToken");
const haveFirefox = existsSync(FIREFOX);
if (!haveFirefox) console.warn(`firefox e2e skipped: ${FIREFOX} not found (apt-get install firefox-esr)`);

let ff: Browser;
let options: Page;

/** The open extension page at `path` (BiDi reports extension pages as about:blank, so ask the page itself). */
async function extensionPage(path: string): Promise<Page> {
  for (let i = 0; i < 100; i++) {
    for (const p of await ff.pages()) {
      const at = await p.evaluate(() => location.href).catch(() => "");
      if (at.startsWith(`moz-extension://${UUID}${path}`)) return p;
    }
    await new Promise((r) => setTimeout(r, 100)); // polling for a tab the extension opens, not timing anything
  }
  throw new Error(`no extension page at ${path}`);
}

async function bannerText(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.querySelector(".wm-banner") as HTMLElement | null)?.innerText ?? null);
}

describe.skipIf(!haveFirefox)("the extension in Firefox (firefox-esr, WebDriver BiDi)", () => {
  beforeAll(async () => {
    if (!existsSync(join(EXT_DIR, "manifest.json")))
      throw new Error(`build the extension first: npm run build -w extension (missing ${EXT_DIR})`);
    ff = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: {
        "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: UUID }),
        // Headless Firefox cannot show the host-permission prompt; with this pref Firefox grants what the options
        // page requests (in a click handler, as a user would), so the extension's own request path still runs.
        "extensions.webextOptionalPermissionPrompts": false,
      },
    });
    expect(await ff.installExtension(EXT_DIR)).toBe(ADDON_ID);
  }, 90_000);

  afterAll(async () => {
    await ff?.close();
  });

  it("opens its options page on first install and is configured there for the test site", async () => {
    options = await extensionPage("/options.html");
    expect(await options.evaluate(() => browser.runtime.getURL("/"))).toBe(`moz-extension://${UUID}/`);
    await options.type("input[name=site]", `${base}/products`);
    await options.type("input[name=token]", adminToken);
    await options.click("[data-testid=save-site]");
    const card = `[data-testid=site][data-origin="${base}"]`;
    await options.waitForFunction(
      (sel) => document.querySelector(`${sel} [data-testid=access]`)?.textContent === "access granted",
      { timeout: 20_000 },
      card,
    );
    await options.waitForFunction(
      (sel) => /Connected: .*3 journeys/.test(document.querySelector(`${sel} [data-testid=check]`)?.textContent ?? ""),
      { timeout: 20_000 },
      card,
    );
    const perms = await options.evaluate(() => browser.permissions.getAll());
    expect(perms.origins).toContain("http://127.0.0.1/*");
  });

  it("forces a branch from the side panel and the shop shows that branch's banner", async () => {
    const shop = await ff.newPage();
    await shop.goto(`${base}/products`);
    expect(await bannerText(shop)).toBeNull();
    // Firefox match patterns carry no port, so filter the tabs here rather than with a `url` query.
    const tabs = await options.evaluate(
      async (u: string) => (await browser.tabs.query({})).filter((t: { url?: string }) => t.url?.startsWith(`${u}/`)),
      base,
    );
    expect(tabs).toHaveLength(1);
    await options.evaluate(
      (id: number) => browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html?tabId=${id}`) }),
      tabs[0].id,
    );
    const panel = await extensionPage("/sidepanel.html");
    await panel.waitForFunction(
      () => document.querySelector("[data-testid=waymark-detected]")?.textContent === "Waymark detected",
      { timeout: 20_000 },
    );
    await panel.waitForSelector("[data-testid=force-abandoned-cart-abandoned-discount]");
    await panel.click("[data-testid=force-abandoned-cart-abandoned-discount]");
    // The extension reloads the shop tab with its preview header (a declarativeNetRequest session rule).
    await shop.waitForFunction(
      () => (document.querySelector(".wm-banner") as HTMLElement | null)?.innerText.includes("SAVE10"),
      { timeout: 20_000 },
    );
    const rules = await options.evaluate(() => browser.declarativeNetRequest.getSessionRules());
    expect(rules.map((r: { condition: { urlFilter?: string } }) => r.condition.urlFilter)).toEqual([`|${base}/`]);
    const shots = artifactsDir("firefox");
    mkdirSync(shots, { recursive: true });
    await shop.screenshot({ path: join(shots, "forced-banner.png") });
  });
});
