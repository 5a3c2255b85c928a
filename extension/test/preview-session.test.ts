import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { EXPIRY_ALARM, reconcilePreview, startPreview, stopPreview } from "../src/background/preview-session.ts";
import { previewItem, sampleCartItem } from "../src/storage/items.ts";
import { ORIGIN, TOKEN, setupSite } from "./support/setup-site.ts";

describe("preview session", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  beforeEach(async () => {
    ctx = await setupSite();
  });

  it("asks the site for a token with the admin token, then adds the header on that origin only and reloads", async () => {
    const p = await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", stage: "abandoned", branch: "discount", version: "draft" },
      ctx.deps,
    );

    const call = ctx.api.calls.find((c) => c.path === "/__waymark/api/preview-tokens")!;
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.body).toEqual({ journey: "abandoned-cart", stage: "abandoned", branch: "discount", version: "draft" });

    expect(ctx.apis.sessionRules).toHaveLength(1);
    const rule = ctx.apis.sessionRules[0];
    expect(rule.condition.urlFilter).toBe(`|${ORIGIN}/`);
    expect(rule.action.requestHeaders).toEqual([{ header: "X-Waymark-Preview", operation: "set", value: p.token }]);

    expect(p.jti).toBe("jti-00000001");
    expect(await previewItem.get()).toEqual(p);
    expect(await fakeBrowser.action.getBadgeText({})).toBe("DISC");
    expect(await fakeBrowser.action.getTitle({})).toContain("abandoned-cart / abandoned / discount");
    expect(await fakeBrowser.alarms.get(EXPIRY_ALARM)).toMatchObject({ scheduledTime: Date.parse(p.expiresAt) });
    expect(ctx.apis.reloads).toEqual([ctx.tabId]);
  });

  it("seeds the sample cart into the token's sandbox visitor when a stage is forced, before the reload", async () => {
    await sampleCartItem.set({ enabled: true, name: "Brass Trail Compass", price: 64 });
    const p = await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", stage: "abandoned", branch: "discount", version: "draft" },
      ctx.deps,
    );
    const seeds = ctx.api.calls.filter((c) => c.path.startsWith("/__waymark/api/visitors/"));
    expect(seeds.map((c) => [c.path, c.body])).toEqual([
      [
        `/__waymark/api/visitors/preview%3A${p.jti}/events`,
        {
          events: [
            {
              type: "add_to_cart",
              data: { id: "brass-trail-compass", name: "Brass Trail Compass", price: 64, quantity: 1 },
            },
          ],
        },
      ],
    ]);
    expect(ctx.api.calls.map((c) => c.path.split("/")[3])).toEqual(["preview-tokens", "visitors"]);
  });

  it("seeds nothing for a branch-only preview (the stage follows simulated events) or when turned off", async () => {
    await startPreview(ctx.tabId, { journey: "abandoned-cart", branch: "discount", version: "draft" }, ctx.deps);
    await sampleCartItem.set({ enabled: false, name: "x", price: 1 });
    await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", stage: "abandoned", branch: "discount", version: "draft" },
      ctx.deps,
    );
    expect(ctx.api.calls.filter((c) => c.path.includes("/visitors/"))).toHaveLength(0);
  });

  it("replaces an earlier preview instead of stacking headers", async () => {
    await startPreview(ctx.tabId, { journey: "abandoned-cart", branch: "discount", version: "draft" }, ctx.deps);
    const second = await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", branch: "reminder", version: 1 },
      ctx.deps,
    );
    expect(ctx.apis.sessionRules).toHaveLength(1);
    expect(ctx.apis.sessionRules[0].action.requestHeaders![0].value).toBe(second.token);
    expect(await fakeBrowser.action.getBadgeText({})).toBe("REMI");
  });

  it("refuses a tab that is not on a configured site, and asks nothing", async () => {
    const other = await fakeBrowser.tabs.create({ url: "https://elsewhere.test/" });
    await expect(startPreview(other.id!, { journey: "abandoned-cart", version: "draft" }, ctx.deps)).rejects.toThrow(
      /not on a configured Waymark site/,
    );
    expect(ctx.api.calls).toHaveLength(0);
    expect(ctx.apis.sessionRules).toHaveLength(0);
  });

  it("surfaces the API's refusal (e.g. unknown branch) without installing anything", async () => {
    const bad = await setupSite({
      "POST /__waymark/api/preview-tokens": {
        status: 400,
        body: {
          error: "invalid preview request",
          issues: [{ path: ["branch"], message: 'journey "abandoned-cart" has no branch "nope"' }],
        },
      },
    });
    await expect(
      startPreview(bad.tabId, { journey: "abandoned-cart", branch: "nope", version: "draft" }, bad.deps),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(bad.apis.sessionRules).toHaveLength(0);
    expect(await previewItem.get()).toBeNull();
  });

  it("stop removes the rule, the stored token and the badge, and reloads the tab to browse normally", async () => {
    await startPreview(ctx.tabId, { journey: "abandoned-cart", branch: "discount", version: "draft" }, ctx.deps);
    await stopPreview({ tabId: ctx.tabId, reload: true });
    expect(ctx.apis.sessionRules).toHaveLength(0);
    expect(await previewItem.get()).toBeNull();
    expect(await fakeBrowser.action.getBadgeText({})).toBe("");
    expect(await fakeBrowser.alarms.get(EXPIRY_ALARM)).toBeUndefined();
    expect(ctx.apis.reloads).toEqual([ctx.tabId, ctx.tabId]);
  });

  it("on restart, drops an expired preview and restores a missing rule for a live one", async () => {
    const p = await startPreview(
      ctx.tabId,
      { journey: "abandoned-cart", branch: "discount", version: "draft" },
      ctx.deps,
    );
    ctx.apis.sessionRules.length = 0; // e.g. the worker died between the two writes
    await reconcilePreview(Date.now());
    expect(ctx.apis.sessionRules[0].action.requestHeaders![0].value).toBe(p.token);

    await reconcilePreview(Date.parse(p.expiresAt) + 1);
    expect(ctx.apis.sessionRules).toHaveLength(0);
    expect(await previewItem.get()).toBeNull();
    expect(await fakeBrowser.action.getBadgeText({})).toBe("");
  });

  it("a stray rule without a stored preview is removed at startup", async () => {
    ctx.apis.sessionRules.push({
      id: 1,
      action: {
        type: "modifyHeaders",
        requestHeaders: [{ header: "X-Waymark-Preview", operation: "set", value: "old" }],
      },
      condition: {},
    });
    await reconcilePreview(Date.now());
    expect(ctx.apis.sessionRules).toHaveLength(0);
  });
});
