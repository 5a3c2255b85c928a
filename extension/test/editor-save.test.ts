import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { readDraft, saveDraft, tellEditor } from "../src/background/editor.ts";
import { handleMessage } from "../src/background/serve-messages.ts";
import { createHandlers } from "../src/background/handlers.ts";
import { abTestJourney } from "../src/editor/ab-test-journey.ts";
import { previewItem } from "../src/storage/items.ts";
import { JOURNEY, ORIGIN, TOKEN, setupSite } from "./support/setup-site.ts";

const draft = abTestJourney({ id: "ab-hero", name: "A/B test: hero" });
const record = (journey: unknown) => ({
  id: "ab-hero",
  journey,
  status: "draft",
  dirty: true,
  updatedAt: 1,
  updatedBy: "admin",
  publishedVersion: null,
});

describe("editor (background side)", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  beforeEach(async () => {
    ctx = await setupSite({
      "PUT /__waymark/api/journeys/ab-hero": (call) => ({ body: record(call.body) }),
      "DELETE /__waymark/api/journeys/ab-hero": { body: { deleted: true } },
      "PUT /__waymark/api/journeys/bad": {
        status: 400,
        body: {
          error: "invalid journey",
          issues: [{ path: ["actions", 0, "selector"], message: "h1 + p: `+` is not supported" }],
        },
      },
    });
  });

  it("saves the draft with the admin token, then previews that draft's stage and branch on the tab (never publishes)", async () => {
    const selected = { selection: null };
    ctx.apis.setTabMessage(() => selected);
    const out = await saveDraft(
      ctx.tabId,
      {
        journey: "ab-hero",
        draft,
        stage: "test",
        branch: "variant",
        optimistic: { kind: "hide", selector: ".promo" },
      },
      ctx.deps,
    );
    const paths = ctx.api.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths[0]).toBe("PUT /__waymark/api/journeys/ab-hero");
    expect(paths[1]).toBe("POST /__waymark/api/preview-tokens");
    expect(paths.some((p) => p.includes("/publish"))).toBe(false);
    expect(ctx.api.calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(ctx.api.calls[0]!.body).toEqual(draft);
    expect(ctx.api.calls[1]!.body).toEqual({ journey: "ab-hero", stage: "test", branch: "variant", version: "draft" });
    // The optimistic preview went to the page before the reload; the reload happened under the new token.
    expect(ctx.apis.sentToTabs).toEqual([
      { tabId: ctx.tabId, message: { type: "wm.editor.preview", change: { kind: "hide", selector: ".promo" } } },
    ]);
    expect(ctx.apis.reloads).toEqual([ctx.tabId]);
    expect(ctx.apis.sessionRules[0]!.action.requestHeaders![0]!.value).toBe(out.preview!.token);
    expect(await previewItem.get()).toMatchObject({ journey: "ab-hero", version: "draft", branch: "variant" });
    expect(out.record?.status).toBe("draft");
  });

  it("a draft the API refuses changes nothing on the page: no preview, no reload, the issue path in the error", async () => {
    const reply = await handleMessage(
      { type: "editor.save", data: { tabId: ctx.tabId, journey: "bad", draft: { ...draft, id: "bad" } } },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html` },
      {
        extensionId: fakeBrowser.runtime.id,
        extensionOrigin: `chrome-extension://${fakeBrowser.runtime.id}`,
        handlers: createHandlers(ctx.deps),
      },
    );
    expect(reply).toMatchObject({ ok: false, status: 400 });
    expect(!reply.ok && reply.error).toMatch(/actions\.0\.selector: h1 \+ p/);
    expect(ctx.apis.reloads).toEqual([]);
    expect(ctx.apis.sessionRules).toEqual([]);
  });

  it("undoing a journey the session created deletes that draft and ends the preview", async () => {
    await saveDraft(ctx.tabId, { journey: "ab-hero", draft, stage: "test", branch: "variant" }, ctx.deps);
    await saveDraft(ctx.tabId, { journey: "ab-hero", draft: null }, ctx.deps);
    expect(ctx.api.calls.at(-1)).toMatchObject({ method: "DELETE", path: "/__waymark/api/journeys/ab-hero" });
    expect(ctx.apis.sessionRules).toEqual([]);
    expect(await previewItem.get()).toBeNull();
    expect(ctx.apis.reloads).toEqual([ctx.tabId, ctx.tabId]);
  });

  it("refuses a draft whose id is not the journey named, and tabs of other sites", async () => {
    await expect(
      saveDraft(ctx.tabId, { journey: "ab-hero", draft: { ...draft, id: "other" } }, ctx.deps),
    ).rejects.toThrow(/not the journey being edited/);
    const other = await fakeBrowser.tabs.create({ url: "https://elsewhere.test/" });
    await expect(saveDraft(other.id!, { journey: "ab-hero", draft }, ctx.deps)).rejects.toThrow(
      /configured Waymark site/,
    );
    await expect(tellEditor(other.id!, { type: "wm.editor.start" })).rejects.toThrow(/configured Waymark site/);
    expect(ctx.api.calls).toEqual([]);
    expect(ctx.apis.injected).toEqual([]);
  });

  it("reads the full draft of a journey; injects the editor script once asked, and validates the page's answer", async () => {
    expect((await readDraft(ctx.tabId, "abandoned-cart", ctx.deps)).journey).toMatchObject({ id: JOURNEY.id });
    ctx.apis.setTabMessage(() => ({
      selection: {
        selector: "h1",
        matches: 1,
        tag: "h1",
        text: "Hi",
        html: "Hi",
        textOnly: true,
        attributes: {},
        waymark: false,
        path: "/",
      },
    }));
    expect((await tellEditor(ctx.tabId, { type: "wm.editor.start" })).selection?.selector).toBe("h1");
    expect(ctx.apis.injected).toEqual([{ tabId: ctx.tabId, files: ["/editor.js"] }]);
    ctx.apis.setTabMessage(() => ({ selection: { selector: 42 } }));
    await expect(tellEditor(ctx.tabId, { type: "wm.editor.stop" })).rejects.toThrow(/unexpected/);
    expect(ORIGIN).toContain("shop.test");
  });
});
