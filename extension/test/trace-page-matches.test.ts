import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { startPreview } from "../src/background/preview-session.ts";
import { recordTabPage } from "../src/background/tab-pages.ts";
import { traceFor } from "../src/background/trace.ts";
import { parsePageMatches } from "../src/lib/page-matches.ts";
import { setupSite } from "./support/setup-site.ts";
import { b64url, forcedCartTrace } from "./support/trace-fixture.ts";

// Honest traces in the Why view: the header says what the engine decided, the counts the edge appended to the
// previewed page say what happened there (edge/test/selectors-page-matches.test.ts produces them).
const TRACE = forcedCartTrace([
  { id: "banner", type: "insert", status: "applied" },
  { id: "ghost", type: "hide", status: "applied" },
  { id: "pop", type: "nudge", status: "applied" },
]);

describe("Why view: matched N elements or no_match", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  let pageText: unknown;
  beforeEach(async () => {
    ctx = await setupSite({}, { pageHeaders: () => ({ "X-Waymark": "preview", "X-Waymark-Trace": b64url(TRACE) }) });
    ctx.apis.headerListeners.push((d) => void recordTabPage(d as Parameters<typeof recordTabPage>[0], Date.now()));
    // The page's side of scripting.executeScript: what readPageMatchesText would find in the tab.
    const scripting = (fakeBrowser as unknown as { scripting: { executeScript: unknown } }).scripting;
    scripting.executeScript = async (inj: { func?: () => unknown }) => [{ result: inj.func ? pageText : true }];
    await startPreview(ctx.tabId, { journey: "abandoned-cart", stage: "abandoned", version: "draft" }, ctx.deps);
  });

  it("adds the page's counts to the applied actions of the header trace", async () => {
    pageText = JSON.stringify({ "abandoned-cart": { banner: 3, ghost: 0 } });
    const r = await traceFor(ctx.tabId, ctx.deps);
    expect(r.source).toBe("header");
    expect(r.trace[0].actions.map((a) => a.page)).toEqual([{ matched: 3 }, "no_match", undefined]);
  });

  it("keeps the trace as decided when the page has no counts or garbage", async () => {
    for (const text of [null, "not json", JSON.stringify({ "abandoned-cart": { banner: -1 } }), 42]) {
      pageText = text;
      const r = await traceFor(ctx.tabId, ctx.deps);
      expect(r.trace[0].actions.every((a) => a.page === undefined)).toBe(true);
    }
  });

  it("parses only well-formed counts", () => {
    expect(parsePageMatches('{"j":{"a":2}}')).toEqual({ j: { a: 2 } });
    expect(parsePageMatches('{"j":{"a":1.5}}')).toBeNull();
    expect(parsePageMatches("x".repeat(300_000))).toBeNull();
  });
});
