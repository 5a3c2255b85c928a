import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { startPreview } from "../src/background/preview-session.ts";
import { simulateAdvance, simulateEvents } from "../src/background/simulate.ts";
import { forgetTab, recordTabPage, tabPage } from "../src/background/tab-pages.ts";
import { traceFor } from "../src/background/trace.ts";
import { ORIGIN, setupSite } from "./support/setup-site.ts";
import { b64url, forcedCartTrace } from "./support/trace-fixture.ts";

const TRACE = forcedCartTrace([{ id: "a0", type: "insert", status: "applied" }]);
const { forced: _forced, ...unforced } = TRACE[0];
const DECISION = {
  version: 1,
  at: 1,
  actions: [],
  exposures: [],
  trace: [{ ...unforced, status: "audience", actions: [] }],
  redirect: null,
};

describe("simulate (preview sandbox only)", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  beforeEach(async () => {
    ctx = await setupSite({
      "POST /__waymark/api/visitors/preview%3Ajti-00000001/events": { body: { accepted: 1, actions: [] } },
      "POST /__waymark/api/visitors/preview%3Ajti-00000001/advance-time": { body: { ok: true } },
    });
  });

  it("refuses without a preview in force, and never calls the API", async () => {
    await expect(simulateEvents(ctx.tabId, [{ type: "purchase" }], false, ctx.deps)).rejects.toThrow(/preview sandbox/);
    await expect(simulateAdvance(ctx.tabId, "31m", false, ctx.deps)).rejects.toThrow(/preview sandbox/);
    expect(ctx.api.calls).toHaveLength(0);
  });

  it("sends events and time jumps to preview:<jti> and reloads the tab", async () => {
    await startPreview(ctx.tabId, { journey: "abandoned-cart", branch: "discount", version: "draft" }, ctx.deps);
    const events = [{ type: "add_to_cart", data: { id: "tr", name: "Trail Runner", price: 89, quantity: 1 } }];
    expect(await simulateEvents(ctx.tabId, events, true, ctx.deps)).toEqual({ accepted: 1 });
    await simulateAdvance(ctx.tabId, "31m", true, ctx.deps);
    const sim = ctx.api.calls.filter((c) => c.path.includes("/visitors/"));
    expect(sim.map((c) => [c.method, c.path, c.body])).toEqual([
      ["POST", "/__waymark/api/visitors/preview%3Ajti-00000001/events", { events }],
      ["POST", "/__waymark/api/visitors/preview%3Ajti-00000001/advance-time", { by: "31m" }],
    ]);
    expect(ctx.apis.reloads).toEqual([ctx.tabId, ctx.tabId, ctx.tabId]);
  });

  it("refuses on a tab of another site even while previewing", async () => {
    await startPreview(ctx.tabId, { journey: "abandoned-cart", branch: "discount", version: "draft" }, ctx.deps);
    const other = await fakeBrowser.tabs.create({ url: "https://elsewhere.test/" });
    await expect(simulateEvents(other.id!, [{ type: "purchase" }], false, ctx.deps)).rejects.toThrow(/preview sandbox/);
  });
});

describe("trace", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  beforeEach(async () => {
    ctx = await setupSite(
      { "POST /__waymark/api/decide": { body: DECISION } },
      { pageHeaders: () => ({ "X-Waymark": "preview", "X-Waymark-Trace": b64url(TRACE) }) },
    );
    ctx.apis.headerListeners.push((d) => void recordTabPage(d as Parameters<typeof recordTabPage>[0], Date.now()));
  });

  it("uses the trace the edge sent with a previewed page", async () => {
    const p = await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", stage: "abandoned", branch: "discount", version: "draft" },
      ctx.deps,
    );
    const r = await traceFor(ctx.tabId, ctx.deps);
    expect(r).toMatchObject({ source: "header", outcome: "preview", trace: TRACE, visitorId: `preview:${p.jti}` });
    expect(ctx.api.calls.some((c) => c.path.endsWith("/decide"))).toBe(false);
  });

  it("otherwise asks the API to decide as the tab's own visitor (wm_vid), without side effects", async () => {
    ctx.apis.cookies.set(`${ORIGIN} wm_vid`, "AbCdEfGhIjKlMnOpQrStUv");
    const r = await traceFor(ctx.tabId, ctx.deps);
    expect(r).toMatchObject({ source: "decide", visitorId: "AbCdEfGhIjKlMnOpQrStUv", trace: DECISION.trace });
    const call = ctx.api.calls.find((c) => c.path === "/__waymark/api/decide")!;
    expect(call.body).toEqual({ url: `${ORIGIN}/products/trail-runner`, visitorId: "AbCdEfGhIjKlMnOpQrStUv" });
  });

  it("ignores a malformed visitor cookie (decides as a new visitor)", async () => {
    ctx.apis.cookies.set(`${ORIGIN} wm_vid`, "../../etc");
    const r = await traceFor(ctx.tabId, ctx.deps);
    expect(r.visitorId).toBeNull();
    expect(ctx.api.calls.find((c) => c.path === "/__waymark/api/decide")!.body).toEqual({
      url: `${ORIGIN}/products/trail-runner`,
    });
  });
});

describe("tab pages (X-Waymark headers per tab)", () => {
  beforeEach(() => fakeBrowser.reset());
  it("keeps top-level loads only, and forgets closed tabs", async () => {
    await recordTabPage(
      {
        tabId: 3,
        url: `${ORIGIN}/`,
        type: "main_frame",
        responseHeaders: [{ name: "x-waymark", value: "personalized" }],
      },
      1,
    );
    await recordTabPage(
      {
        tabId: 3,
        url: `${ORIGIN}/frame`,
        type: "sub_frame",
        responseHeaders: [{ name: "x-waymark", value: "passthrough" }],
      },
      2,
    );
    await recordTabPage({ tabId: -1, url: `${ORIGIN}/sw`, type: "main_frame" }, 3);
    expect(await tabPage(3)).toEqual({ url: `${ORIGIN}/`, outcome: "personalized", trace: null, at: 1 });
    await forgetTab(3);
    expect(await tabPage(3)).toBeNull();
  });
  it("does not lose writes from loads reported at the same time", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordTabPage({ tabId: i, url: `${ORIGIN}/${i}`, type: "main_frame", responseHeaders: [] }, i),
      ),
    );
    for (let i = 0; i < 20; i++) expect((await tabPage(i))?.url).toBe(`${ORIGIN}/${i}`);
  });
});
