import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { setHighlight } from "../src/background/highlight.ts";
import { setupSite } from "./support/setup-site.ts";

describe("highlight (background side)", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  beforeEach(async () => {
    ctx = await setupSite();
  });

  it("injects the highlighter into the site's tab and returns what it found", async () => {
    const found = [
      {
        index: 0,
        kind: "inserted",
        tag: "div",
        journey: "abandoned-cart",
        stage: "abandoned",
        branch: "discount",
        action: "a0",
        visible: true,
        text: "10% off",
      },
    ];
    ctx.apis.setTabMessage(() => found);
    expect(await setHighlight(ctx.tabId, true)).toEqual(found);
    expect(ctx.apis.injected).toEqual([{ tabId: ctx.tabId, files: ["/highlight.js"] }]);
    expect(ctx.apis.sentToTabs).toEqual([{ tabId: ctx.tabId, message: { type: "wm.highlight", on: true } }]);
  });

  it("treats the page's answer as untrusted", async () => {
    ctx.apis.setTabMessage(() => [{ index: -1, kind: "<script>", journey: 1 }]);
    await expect(setHighlight(ctx.tabId, true)).rejects.toThrow(/unexpected/);
  });

  it("never injects into a tab of another site", async () => {
    const other = await fakeBrowser.tabs.create({ url: "https://elsewhere.test/" });
    await expect(setHighlight(other.id!, true)).rejects.toThrow(/not on a configured Waymark site/);
    expect(ctx.apis.injected).toHaveLength(0);
  });
});
