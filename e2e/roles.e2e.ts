import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";
import { startWaymark, TEST_ADMIN_TOKEN, type RunningWaymark } from "./support/start-waymark.ts";

// Roles and approvals (issue 16), in Chromium against its own `wrangler dev` (demo shop) with ACCESS_TOKENS and
// REQUIRE_APPROVAL=true: an editor sees no Publish button but "Request publish"; a publisher approves the request
// on the publish page and the journey goes live on the shop. Screenshots go to artifacts/roles/.
const EDITOR = "e2e-editor-token-0123456789abcdef";
const PUBLISHER = "e2e-publisher-token-0123456789abcdef";
const VIEWER = "e2e-viewer-token-0123456789abcdef";
const shots = artifactsDir("roles");
const BANNER = "roles-e2e-banner";

let waymark: RunningWaymark;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  waymark = await startWaymark({
    ACCESS_TOKENS: `erin:editor:${EDITOR},paul:publisher:${PUBLISHER},vera:viewer:${VIEWER}`,
    REQUIRE_APPROVAL: "true",
  });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await waymark?.stop();
});

const dash = () => `${waymark.url}/__waymark/dashboard/`;
// In-app navigation (no reload): wrangler dev rebuilds the dashboard when its sources change under it.
const toPublishPage = (page: Page) => page.click("nav a:has-text('Publish & versions')");

async function signIn(token: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(dash());
  await page.fill("#admin-token", token);
  await page.click("button[type=submit]");
  try {
    await page.locator("table.journeys").waitFor();
  } catch (err) {
    await page.screenshot({ path: `${shots}sign-in-failed.png`, fullPage: true });
    throw new Error(
      `no journeys table after sign-in: ${await page.locator("body").innerText()} ${pageErrors.join("; ")}`,
      {
        cause: err,
      },
    );
  }
  return page;
}

async function bannerOnShop(): Promise<boolean> {
  const res = await fetch(`${waymark.url}/`, { headers: { accept: "text/html" } });
  return (await res.text()).includes(`id="${BANNER}"`);
}

describe("roles and approvals in the dashboard", () => {
  it("an editor requests a publish, a publisher approves it, and the journey goes live", async () => {
    // The editor's draft, through the API with the editor's own token.
    const put = await fetch(`${waymark.url}/__waymark/api/journeys/${BANNER}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${EDITOR}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: BANNER,
        name: "Approved banner",
        stages: [{ id: "start" }],
        start: "start",
        actions: [
          {
            type: "insert",
            stage: "start",
            selector: "body",
            position: "prepend",
            html: `<p id="${BANNER}">Approved by a publisher</p>`,
          },
        ],
      }),
    });
    expect(put.status, await put.clone().text()).toBe(201);
    expect(await bannerOnShop()).toBe(false);

    // Editor: who they are in the header, no Publish button, the reason, and "Request publish".
    const editor = await signIn(EDITOR);
    expect(await editor.locator(".topbar .whoami").innerText()).toBe("erin · editor");
    expect(await editor.locator("a:has-text('New journey')").count()).toBe(1);
    // The Visitors page is for admins: no link for an editor.
    expect(await editor.locator("nav a:text-is('Visitors')").count()).toBe(0);
    await toPublishPage(editor);
    await editor.locator("#requests-title").waitFor();
    expect(await editor.locator("button:text-is('Publish…')").count()).toBe(0);
    expect(await editor.locator("[data-role-note=publish]").innerText()).toContain(
      "publishing directly needs the admin role; this token is editor",
    );
    await editor.fill("#request-note", "New banner for the launch");
    await editor.screenshot({ path: `${shots}editor-before-request.png`, fullPage: true });
    await editor.click("button:has-text('Request publish')");
    const mine = editor.locator(".publish-request").first();
    await mine.waitFor();
    expect(await mine.locator("h3[id^=request-]").innerText()).toContain("by erin");
    expect(await mine.locator("button:has-text('Approve')").count()).toBe(0);
    expect(await mine.locator("button:has-text('Withdraw')").count()).toBe(1);
    expect(await mine.innerText()).toContain(BANNER);
    await editor.screenshot({ path: `${shots}editor-publish-page.png`, fullPage: true });

    // Viewer: read-only journeys page, no New journey, no request form.
    const viewer = await signIn(VIEWER);
    expect(await viewer.locator("a:has-text('New journey')").count()).toBe(0);
    expect(await viewer.locator("[data-role-note=edit]").innerText()).toBe(
      "Editing journeys needs the editor role; this token is viewer.",
    );
    await toPublishPage(viewer);
    await viewer.locator(".publish-request").first().waitFor();
    expect(await viewer.locator("button:has-text('Request publish')").count()).toBe(0);
    expect(await viewer.locator("button:has-text('Approve')").count()).toBe(0);

    // Publisher: the pending request with its diff, approved; the shop shows the journey.
    const publisher = await signIn(PUBLISHER);
    await toPublishPage(publisher);
    const request = publisher.locator(".publish-request").first();
    await request.waitFor();
    expect(await publisher.locator("button:text-is('Publish…')").count()).toBe(0);
    expect(await request.locator(".diff").innerText()).toContain("Approved banner");
    await publisher.screenshot({ path: `${shots}publisher-pending-request.png`, fullPage: true });
    await request.locator("button:has-text('Approve and publish…')").click();
    await publisher.locator("dialog[open] button:has-text('Approve and publish')").click();
    await publisher.locator(".notice-region :text('approved and published')").waitFor();
    // The page reloads its lists: the request leaves the pending list, the live version moves on.
    await publisher.locator(".publish-request").first().waitFor({ state: "detached" });
    await publisher.locator(".live-version :text('version 2')").waitFor();

    // The shop: a publish reaches pages within 5 s (issue 19); poll with a bound.
    const deadline = Date.now() + 15_000;
    while (!(await bannerOnShop()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await bannerOnShop()).toBe(true);

    // The audit log names each step's token label.
    const audit = await fetch(`${waymark.url}/__waymark/api/audit?limit=4`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const entries = ((await audit.json()) as { entries: { actor: string; action: string }[] }).entries;
    expect(entries.map((e) => `${e.actor} ${e.action}`).reverse()).toEqual([
      "erin journey.create",
      "erin publish.request",
      "paul publish.approve",
      "paul publish",
    ]);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
