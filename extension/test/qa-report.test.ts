import { describe, expect, it } from "vitest";
import { cellKey, qaCells, qaSummary } from "../src/lib/qa-cells.ts";
import { renderQaReport } from "../src/lib/qa-report.ts";
import type { QaRun } from "../src/storage/schemas.ts";

const journey = {
  stages: [{ id: "browsing" }, { id: "abandoned" }],
  branches: [
    { id: "discount", weight: 1 },
    { id: "reminder", weight: 1 },
  ],
};

describe("qaCells", () => {
  it("walks every stage x branch in the journey's order", () => {
    expect(qaCells(journey).map(cellKey)).toEqual([
      "browsing/discount",
      "browsing/reminder",
      "abandoned/discount",
      "abandoned/reminder",
    ]);
  });
});

describe("renderQaReport", () => {
  const shot = "data:image/jpeg;base64,/9j/AAAA";
  const run: QaRun = {
    id: "qa-1",
    origin: "https://shop.example",
    journey: "abandoned-cart",
    journeyName: "Abandoned <cart>",
    version: 3,
    tabId: 1,
    url: "https://shop.example/?q=<x>",
    startedAt: Date.UTC(2026, 0, 2, 3, 4),
    state: "done",
    cells: [
      {
        stage: "abandoned",
        branch: "discount",
        state: "captured",
        verdict: "pass",
        note: "ok",
        screenshot: shot,
        outcome: "preview",
      },
      {
        stage: "abandoned",
        branch: "reminder",
        state: "captured",
        verdict: "fail",
        note: '<img src=x onerror="alert(1)">',
        outcome: "passthrough",
      },
      {
        stage: "browsing",
        branch: "discount",
        state: "error",
        note: "",
        error: "timed out",
        screenshot: 'data:image/png;base64,AA" onload="x',
      },
    ],
  };
  const html = renderQaReport(run, new Date(Date.UTC(2026, 0, 2, 5, 0)));

  it("inlines screenshots and is self-contained", () => {
    expect(html).toContain(`<img src="${shot}"`);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain("default-src 'none'; img-src data:");
  });
  it("escapes every value that came from the site or the marketer", () => {
    expect(html).toContain("Abandoned &lt;cart&gt;");
    expect(html).toContain("&lt;img src&#61;x onerror&#61;&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain('onerror="alert(1)"');
    expect(html).toContain("?q&#61;&lt;x&gt;");
  });
  it("refuses a screenshot that is not a plain image data URL", () => {
    expect(html).not.toContain('onload="x');
    expect(html).toContain("timed out");
  });
  it("summarizes verdicts", () => {
    expect(qaSummary(run.cells)).toEqual({ total: 3, pass: 1, fail: 1, unmarked: 1 });
    expect(html).toContain("1 pass, 1 fail, 1 unmarked of 3");
    expect(html).toContain("version 3");
  });
});
