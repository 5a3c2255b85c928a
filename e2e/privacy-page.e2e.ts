import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Issue 13: the visitor's privacy page works in a browser with JavaScript switched off, from the shop's footer link:
// opt out, see the confirmation, and the shop stops setting the visitor cookie.
const base = inject("baseUrl");
const shots = artifactsDir("privacy");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("privacy page without JavaScript", () => {
  it("opts out from the shop's footer link, confirms it, and the shop then stores nothing", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
    const page = await ctx.newPage();
    await page.goto(`${base}/products`);
    expect((await ctx.cookies()).map((c) => c.name)).toContain("wm_vid");
    await page.click("footer >> text=Privacy choices");
    await page.waitForURL(`${base}/__waymark/opt-out`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.locator("h1").innerText()).toBe("Votre vie privée sur ce site");
    await page.click("button:has-text('M\\'opposer')");
    await page.waitForURL(`${base}/__waymark/opt-out?done=opt-out`);
    expect(await page.locator("[role=status]").innerText()).toMatch(/vous vous êtes opposé/);
    expect(await page.locator("button").innerText()).toBe("Accepter à nouveau");
    await page.screenshot({ path: join(shots, "opted-out-fr.png"), fullPage: true });
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === "wm_optout")?.value).toBe("1");
    expect(cookies.find((c) => c.name === "wm_vid")).toBeUndefined();
    await page.goto(`${base}/products`);
    expect((await ctx.cookies()).find((c) => c.name === "wm_vid")).toBeUndefined();
    await ctx.close();
  });
});
