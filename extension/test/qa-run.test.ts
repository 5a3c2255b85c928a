import { beforeEach, describe, expect, it } from "vitest";
import { markQaCell, saveQaRun, startQaRun, cancelQaRun } from "../src/background/qa-run.ts";
import { recordTabPage } from "../src/background/tab-pages.ts";
import { tokenClaims } from "../src/lib/token-claims.ts";
import { previewItem, qaRunItem } from "../src/storage/items.ts";
import type { QaRun } from "../src/storage/schemas.ts";
import { setupSite } from "./support/setup-site.ts";

/** Polls the stored run until `done` holds (the walk runs on after qa.start returns). */
async function waitForRun(done: (r: QaRun) => boolean, ms = 3_000): Promise<QaRun> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await qaRunItem.get();
    if (r && done(r)) return r;
    if (Date.now() > deadline) throw new Error(`run not done in time: ${JSON.stringify(r?.cells.map((c) => c.state))}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

describe("QA run", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  const forcedAtCapture: string[] = [];
  beforeEach(async () => {
    forcedAtCapture.length = 0;
    ctx = await setupSite(
      {
        "POST /__waymark/api/qa": (call) => ({
          status: 201,
          body: {
            ...(call.body as object),
            id: `qa-${call.body && (call.body as { stage: string }).stage}`,
            by: "admin",
            at: 1,
          },
        }),
      },
      { pageHeaders: () => ({ "X-Waymark": "preview" }) },
    );
    ctx.apis.headerListeners.push((d) => void recordTabPage(d as Parameters<typeof recordTabPage>[0], Date.now()));
    // What is forced when the tab is captured: read the rule's token claims at capture time.
    ctx.apis.setCapture(async () => {
      const token = ctx.apis.sessionRules[0]?.action.requestHeaders?.[0]?.value ?? "";
      const c = tokenClaims(token);
      forcedAtCapture.push(c ? `${c.stage}/${c.branch}` : "none");
      return `data:image/jpeg;base64,${btoa(forcedAtCapture.at(-1)!)}`;
    });
  });

  it("stops at the first cell with the instruction when the browser refuses screenshots (no toolbar click)", async () => {
    // Issue 13: every cell failed the same way and the run still ended "done, 5 to review".
    ctx.apis.setCapture(async () => {
      throw new Error("Either the '<all_urls>' or 'activeTab' permission is required.");
    });
    await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    const run = await waitForRun((r) => r.state !== "running");
    expect(run.state).toBe("failed");
    expect(run.error).toMatch(/click the Waymark toolbar button on this tab once, then run again/);
    expect(run.cells.map((c) => c.state)).toEqual(["error", "pending", "pending", "pending"]);
    expect(ctx.apis.sessionRules).toHaveLength(0); // normal browsing restored
  });

  it("forces, reloads and captures every stage x branch, then restores normal browsing", async () => {
    const started = await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    expect(started.cells.map((c) => c.state)).toEqual(["pending", "pending", "pending", "pending"]);
    const run = await waitForRun((r) => r.state !== "running");

    expect(run.state).toBe("done");
    expect(forcedAtCapture).toEqual([
      "browsing/discount",
      "browsing/reminder",
      "abandoned/discount",
      "abandoned/reminder",
    ]);
    expect(run.cells.map((c) => [c.stage, c.branch, c.state, c.outcome])).toEqual([
      ["browsing", "discount", "captured", "preview"],
      ["browsing", "reminder", "captured", "preview"],
      ["abandoned", "discount", "captured", "preview"],
      ["abandoned", "reminder", "captured", "preview"],
    ]);
    expect(run.cells[2].screenshot).toBe(`data:image/jpeg;base64,${btoa("abandoned/discount")}`);
    // one reload per cell, one to leave the preview
    expect(ctx.apis.reloads).toHaveLength(5);
    expect(ctx.apis.sessionRules).toHaveLength(0);
    expect(await previewItem.get()).toBeNull();
  });

  it("records a cell's own failure and goes on with the others", async () => {
    // A failure of one cell (here the capture of that page); a missing permission stops the run (test above).
    let n = 0;
    ctx.apis.setCapture(async () => {
      if (++n === 2) throw new Error("Failed to capture tab: the tab was closed while loading");
      return "data:image/jpeg;base64,AAAA";
    });
    await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    const run = await waitForRun((r) => r.state !== "running");
    expect(run.state).toBe("done");
    expect(run.cells.map((c) => c.state)).toEqual(["captured", "error", "captured", "captured"]);
    expect(run.cells[1].error).toMatch(/tab was closed while loading/);
  });

  it("refuses a second run while one is in progress", async () => {
    await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    await expect(startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps)).rejects.toThrow(/already in progress/);
    await waitForRun((r) => r.state !== "running");
  });

  it("stops early when cancelled", async () => {
    ctx.apis.setCapture(async () => {
      await cancelQaRun(Date.now());
      return "data:image/jpeg;base64,AAAA";
    });
    await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    const run = await waitForRun((r) => r.state !== "running");
    expect(run.state).toBe("cancelled");
    expect(ctx.apis.captures).toHaveLength(1);
    expect(ctx.apis.sessionRules).toHaveLength(0);
  });

  it("saves marked cells (verdict, note, screenshot) to Waymark once, and again after a change", async () => {
    await startQaRun(ctx.tabId, "abandoned-cart", "draft", ctx.deps);
    await waitForRun((r) => r.state === "done");
    await markQaCell({ stage: "abandoned", branch: "discount", verdict: "pass" });
    await markQaCell({ stage: "abandoned", branch: "reminder", verdict: "fail", note: "banner overlaps the header" });

    expect(await saveQaRun(ctx.deps)).toEqual({ saved: 2 });
    const posts = ctx.api.calls.filter((c) => c.method === "POST" && c.path === "/__waymark/api/qa");
    expect(posts.map((p) => p.body)).toEqual([
      {
        journey: "abandoned-cart",
        stage: "abandoned",
        branch: "discount",
        status: "pass",
        note: "",
        version: "draft",
        screenshot: `data:image/jpeg;base64,${btoa("abandoned/discount")}`,
      },
      {
        journey: "abandoned-cart",
        stage: "abandoned",
        branch: "reminder",
        status: "fail",
        note: "banner overlaps the header",
        version: "draft",
        screenshot: `data:image/jpeg;base64,${btoa("abandoned/reminder")}`,
      },
    ]);
    expect((await qaRunItem.get())!.cells.filter((c) => c.savedId).length).toBe(2);

    expect(await saveQaRun(ctx.deps)).toEqual({ saved: 0 });
    await markQaCell({ stage: "abandoned", branch: "discount", note: "checked on mobile too" });
    expect(await saveQaRun(ctx.deps)).toEqual({ saved: 1 });
  });
});
