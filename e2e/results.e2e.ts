import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hash01 } from "../shared/src/engine/hash01.ts";
import { artifactsDir, launchBrowser } from "./support/browser.ts";

// Results a marketer can trust (issue 14), in Chromium against `wrangler dev`: a journey with a revenue metric and a
// guardrail is built in the dashboard's form (a metric field error shown where it belongs) and published; visitors
// of the demo shop enter it and the shop's backend reports purchases with amounts; the results page shows the three
// metric kinds per group with intervals and says "not enough data yet" instead of naming a winner, for this journey
// and for the seed journey. Screenshots go to artifacts/results/.
const base = inject("baseUrl");
const token = inject("adminToken");
const shots = artifactsDir("results");
const DASH = `${base}/__waymark/dashboard/`;
const JID = `e2e-results-${Date.now().toString(36)}`;
const AUTH = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const VISITORS = 16;

let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const requestedUrls: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("request", (r) => requestedUrls.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  // Leave the shared Worker as the other e2e files expect it: without this test's journey live.
  await fetch(`${base}/__waymark/api/journeys/${JID}`, { method: "DELETE", headers: AUTH });
  await fetch(`${base}/__waymark/api/publish`, { method: "POST", headers: AUTH, body: "{}" });
});

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}/__waymark/api${path}`, { ...init, headers: AUTH });
  expect(res.status, `${init.method ?? "GET"} ${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A new visitor of the demo shop: one page view (as a browser would), their id from the wm_vid cookie. */
async function newVisitor(path = "/"): Promise<string> {
  const res = await fetch(`${base}${path}`, { headers: { accept: "text/html" } });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("wm_vid="));
  expect(cookie, "wm_vid cookie").toBeDefined();
  return decodeURIComponent(cookie!.split(";")[0].slice("wm_vid=".length));
}

/** Events from the shop's backend for a visitor (the trustworthy source of amounts). */
async function serverEvents(visitor: string, events: { type: string; data?: Record<string, unknown> }[]) {
  await api(`/visitors/${encodeURIComponent(visitor)}/events`, { method: "POST", body: JSON.stringify({ events }) });
}

interface MetricsAnswer {
  metrics?: { id: string; role: string; groups: Record<string, { visitors: number; sum: number }> }[];
}
/** Visitors enrolled, summed over the groups of a metric (by id, or the primary one). */
const enrolled = (s: MetricsAnswer, metric: string) =>
  Object.values(
    s.metrics?.find((m) => (metric === "primary" ? m.role === "primary" : m.id === metric))?.groups ?? {},
  ).reduce((n, g) => n + g.visitors, 0);
const summed = (s: MetricsAnswer, metric: string) =>
  Object.values(s.metrics?.find((m) => m.id === metric)?.groups ?? {}).reduce((n, g) => n + g.sum, 0);

async function shoot(name: string) {
  await page.screenshot({ path: `${shots}${name}-1280x900.png` });
  await page.screenshot({ path: `${shots}${name}-1280x900-full.png`, fullPage: true });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: `${shots}${name}-800x900-full.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} at 800px is ${overflow}px wider than the window`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const metricRow = (metric: string, group: string) =>
  page.locator(`article.metric[data-metric=${metric}] tr[data-group=${group}]`).first();

describe("results", () => {
  it("builds a journey with a revenue metric and a guardrail in the form, and publishes it", async () => {
    await page.goto(DASH);
    await page.fill("#admin-token", token);
    await page.click("button[type=submit]");
    await page.locator("table.journeys").waitFor();

    await page.click("a:has-text('New journey')");
    await page.waitForURL(`${DASH}journeys/new`);
    await page.fill("#f-id", JID);
    await page.fill("#f-name", "E2E results");
    await page.fill("#f-holdout", "50");
    // Without metrics the form says the goal events are measured.
    expect(await page.locator("#f-metrics [data-empty=metrics]").innerText()).toContain("purchase");

    const addMetric = page.locator("#f-metrics button:has-text('Add metric')");
    await addMetric.click();
    await page.fill("#f-metrics-0-id", "purchased");
    expect(await page.inputValue("#f-metrics-0-event")).toBe("purchase");
    expect(await page.locator("#f-metrics-0-role option:checked").innerText()).toBe("default (primary)");

    await addMetric.click();
    await page.fill("#f-metrics-1-id", "revenue");
    await page.fill("#f-metrics-1-name", "Revenue");
    await page.selectOption("#f-metrics-1-kind", "revenue");
    // A revenue metric sums an amount: the field input appears, the page-view glob goes.
    expect(await page.locator("#f-metrics-1-url").count()).toBe(0);
    await page.fill("#f-metrics-1-field", "order-total");
    const fieldErr = page.locator("#f-metrics-1-field-err");
    expect(await fieldErr.innerText()).toContain("must be a field name");
    expect(await page.getAttribute("#f-metrics-1-field", "aria-invalid")).toBe("true");
    await page.fill("#f-metrics-1-field", "value");
    expect(await fieldErr.count()).toBe(0);
    await page.fill("#f-metrics-1-window", "7d");

    await addMetric.click();
    await page.fill("#f-metrics-2-id", "dismissals");
    await page.fill("#f-metrics-2-name", "Dismissals");
    await page.selectOption("#f-metrics-2-kind", "count");
    await page.fill("#f-metrics-2-event", "dismiss");
    await page.selectOption("#f-metrics-2-role", "guardrail");
    await page.selectOption("#f-metrics-2-direction", "decrease");
    // Two primaries are refused at the second one's role.
    await page.selectOption("#f-metrics-2-role", "primary");
    await page.selectOption("#f-metrics-0-role", "primary");
    expect(await page.locator("#f-metrics-2-role-err").innerText()).toContain("only one primary metric");
    await page.selectOption("#f-metrics-2-role", "guardrail");
    expect(await page.locator(".error-summary").count()).toBe(0);
    await page.locator("#f-metrics").screenshot({ path: `${shots}metrics-editor.png` });

    await page.click("button:has-text('Create draft')");
    await page.waitForURL(`${DASH}journeys/${JID}`).catch(async (e) => {
      const said = await page.locator(".notice, .error-summary").allInnerTexts();
      throw new Error(`the draft was not created: ${said.join(" | ")}`, { cause: e });
    });
    const saved = await api<{ journey: { holdout: number; metrics: unknown[] } }>(`/journeys/${JID}`);
    expect(saved.journey.holdout).toBe(0.5);
    expect(saved.journey.metrics).toEqual([
      { id: "purchased", kind: "conversion", event: "purchase", role: "primary" },
      { id: "revenue", name: "Revenue", kind: "revenue", event: "purchase", field: "value", window: "7d" },
      {
        id: "dismissals",
        name: "Dismissals",
        kind: "count",
        event: "dismiss",
        role: "guardrail",
        direction: "decrease",
      },
    ]);

    await page.locator("header.topbar nav a", { hasText: "Publish" }).click();
    await page.locator(`.diff article[data-journey=${JID}]`).waitFor();
    await page.click("button:has-text('Publish…')");
    await page.locator("dialog[open] button:has-text('Publish now')").click();
    await expect.poll(() => page.locator(".notice").innerText()).toMatch(/Published version \d+/);
  });

  it("counts visitors, purchases with amounts and dismissals per visitor, and shows them with intervals", async () => {
    // Wait until the new version is what visitors get: a visitor of the shop enters the journey.
    await expect
      .poll(
        async () => {
          const v = await newVisitor();
          const state = await api<{ journeys: Record<string, unknown> }>(`/visitors/${encodeURIComponent(v)}`);
          return JID in state.journeys;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    let revenue = 0;
    let dismissals = 0;
    for (let i = 0; i < VISITORS; i++) {
      const v = await newVisitor(i % 2 ? "/" : "/products");
      if (i % 3 === 0) {
        const value = 20 + i;
        revenue += value;
        await serverEvents(v, [{ type: "purchase", data: { value } }]);
      }
      // A dismissal names the journey whose banner was dismissed (as the beacon reports it).
      if (i % 4 === 1) {
        dismissals += 2;
        await serverEvents(v, [
          { type: "dismiss", data: { journey: JID } },
          { type: "dismiss", data: { journey: JID } },
        ]);
      }
    }
    // The stats shards are written after the response: wait until every visitor and amount has landed.
    await expect
      .poll(
        async () => {
          const s = await api<MetricsAnswer>(`/stats?journey=${JID}`);
          return [enrolled(s, "purchased") >= VISITORS, summed(s, "revenue"), summed(s, "dismissals")];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([true, revenue, dismissals]);

    await page.goto(`${DASH}journeys/${JID}/results`);
    const articles = page.locator("article.metric");
    await articles.first().waitFor();
    // Primary first, then secondary, then the guardrail, labelled as such.
    expect(await articles.evaluateAll((els) => els.map((e) => [e.dataset.metric, e.dataset.kind]))).toEqual([
      ["purchased", "conversion"],
      ["revenue", "revenue"],
      ["dismissals", "count"],
    ]);
    expect(await page.locator("article.metric[data-metric=dismissals] .badge.role-guardrail").innerText()).toBe(
      "guardrail",
    );
    expect(await page.locator("article.metric[data-metric=revenue] .hint").innerText()).toContain(
      "value of purchase, summed per visitor, within 7d",
    );

    // Values in each metric's unit; the control is the holdout, listed first as the baseline.
    expect(
      await page.locator("article.metric[data-metric=purchased] tbody tr").first().getAttribute("data-group"),
    ).toBe("holdout");
    expect(await metricRow("purchased", "default").locator("[data-cell=value]").innerText()).toMatch(/^\d+\.\d%$/);
    expect(await metricRow("revenue", "default").locator("[data-cell=value]").innerText()).toMatch(/ per visitor$/);
    expect(await metricRow("dismissals", "default").locator("[data-cell=value]").innerText()).toMatch(/ per visitor$/);

    // Each metric's branch row: difference with its interval, drawn and said in words, and no verdict on 16 visitors.
    for (const m of ["purchased", "revenue", "dismissals"]) {
      const row = metricRow(m, "default");
      expect(await row.locator("[data-cell=interval]").innerText()).toMatch(/^95% interval .+ to .+$/);
      const plot = row.locator("svg.forest");
      expect(await plot.getAttribute("role")).toBe("img");
      expect(await plot.getAttribute("aria-label")).toMatch(/^difference .+, 95% interval .+ to .+$/);
      expect(await row.getAttribute("data-verdict")).toBe("insufficient_data");
      expect(await row.locator("[data-cell=verdict]").innerText()).toMatch(/^○\s*not enough data yet/);
    }
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/better than|worse than/);
    expect(await page.locator("[data-note=method]").innerText()).toMatch(/^Peeking-safe 95% intervals/);
    expect(await page.locator("[data-note=correction]").innerText()).toMatch(/^Holm correction across 3 comparisons/);
    expect(await page.locator("[role=alert].srm-banner").count()).toBe(0);
    // The primary metric's cumulative chart is open, with its numbers as a table too.
    await page.locator("article.metric[data-metric=purchased] + details figure.cumulative svg").waitFor();
    // The branch and stage tables are still there.
    await page.locator("[data-table=branches] tr[data-branch=default]").waitFor();
    await page.locator("[data-table=stages] tr[data-stage=visiting]").waitFor();
    await shoot("results");
  }, 120_000);

  it("switches to fixed-horizon intervals and breaks the results down by device (refetching the API)", async () => {
    const isStats = (u: string, part: string) => u.includes("/__waymark/api/stats?") && u.includes(part);
    await Promise.all([
      page.waitForRequest((r) => isStats(r.url(), "method=fixed")),
      page.click(".segmented button:has-text('Fixed horizon')"),
    ]);
    await expect.poll(() => page.locator("[data-note=method]").innerText()).toMatch(/^Fixed-horizon 95% intervals/);
    await page.click(".segmented button:has-text('Peeking-safe')");
    await expect.poll(() => page.locator("[data-note=method]").innerText()).toMatch(/^Peeking-safe/);

    await Promise.all([
      page.waitForRequest((r) => isStats(r.url(), "by=device")),
      page.selectOption("#breakdown", "device"),
    ]);
    const section = page.locator("section[data-breakdown=device]");
    await section.waitFor();
    expect(await section.locator("h2").innerText()).toBe("By device");
    // fetch() from node has no mobile user agent: every visitor is in one device segment, with all three metrics.
    const segments = section.locator("section.segment");
    expect(await segments.count()).toBeGreaterThanOrEqual(1);
    expect(await segments.first().locator("article.metric").count()).toBe(3);
    await shoot("results-by-device");
    await page.selectOption("#breakdown", "");
    await section.waitFor({ state: "detached" });
  });

  it("downloads the results as CSV and JSON, the token in a header, never in the URL", async () => {
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("button:has-text('Download CSV')")]);
    expect(csv.suggestedFilename()).toBe(`${JID}-results.csv`);
    const csvText = readFileSync((await csv.path())!, "utf8");
    expect(csvText.split("\n").length).toBeGreaterThan(3);
    expect(csvText).toContain("revenue");
    expect(csvText).toContain("dismissals");

    const [json] = await Promise.all([page.waitForEvent("download"), page.click("button:has-text('Download JSON')")]);
    const body = JSON.parse(readFileSync((await json.path())!, "utf8"));
    expect(body.journey).toBe(JID);
    expect(body.metrics.map((m: { id: string }) => m.id)).toEqual(["purchased", "revenue", "dismissals"]);
    expect(requestedUrls.some((u) => u.includes("/__waymark/api/stats.csv?journey="))).toBe(true);
    expect(requestedUrls.filter((u) => u.includes(token))).toEqual([]);
  });

  it("a bot that always lands in the holdout breaks the split: the banner says so and every verdict is withheld", async () => {
    // Visitors whose ids all hash into the holdout (as a crawler replaying one kind of cookie would): the journey
    // splits 50/50, so 40 more holdout visitors on top of ~16 honest ones is a sample-ratio mismatch (p < 0.001).
    const ids: string[] = [];
    while (ids.length < 40) {
      const id = randomBytes(16).toString("base64url");
      if (hash01(`${id}:${JID}:holdout`) < 0.5) ids.push(id);
    }
    for (const id of ids) {
      const res = await fetch(`${base}/`, { headers: { accept: "text/html", cookie: `wm_vid=${id}` } });
      await res.arrayBuffer();
    }
    await expect
      .poll(async () => (await api<{ srm: { ok: boolean } }>(`/stats?journey=${JID}`)).srm.ok, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(false);
    await page.reload();
    const banner = page.locator(".srm-banner[role=alert]");
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(
      /^Results on hold\. The traffic split looks broken: holdout \(control\) \d+\.\d% \(expected 50\.0%\), default \d+\.\d% \(expected 50\.0%\) \(p < 0\.001\)/,
    );
    expect(await banner.innerText()).toContain("no verdicts are shown until it is fixed");
    for (const m of ["purchased", "revenue", "dismissals"]) {
      const row = metricRow(m, "default");
      expect(await row.getAttribute("data-verdict")).toBe("none");
      expect(await row.locator("[data-cell=verdict] .verdict").innerText()).toMatch(
        /no verdict: the traffic split looks broken/,
      );
    }
    await shoot("results-srm");
  }, 120_000);

  it("the seed journey shows 'not enough data yet' instead of a winner on a handful of visitors", async () => {
    for (let i = 0; i < 4; i++) {
      const v = await newVisitor("/products");
      await serverEvents(v, [
        { type: "add_to_cart", data: { id: "mug", name: "Enamel Camp Mug", price: 18, quantity: 1 } },
        { type: "purchase", data: { value: 18 } },
      ]);
    }
    await expect
      .poll(async () => enrolled(await api<MetricsAnswer>("/stats?journey=abandoned-cart"), "primary"), {
        timeout: 30_000,
        interval: 500,
      })
      .toBeGreaterThanOrEqual(4);
    await page.goto(`${DASH}journeys/abandoned-cart/results`);
    const table = page.locator("article.metric.metric-primary");
    await table.waitFor();
    const rows = table.locator("tbody tr:not(.holdout-row)");
    expect(await rows.count()).toBe(2);
    for (const verdict of await rows.locator("[data-cell=verdict] .verdict").allInnerTexts())
      expect(verdict).toMatch(/not enough data yet/);
    expect(await page.locator("main").innerText()).not.toMatch(/better than holdout|worse than holdout/);
    await shoot("seed-results");
    expect(pageErrors).toEqual([]);
  });
});
