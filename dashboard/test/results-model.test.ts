import type { QaResult, StatsResponse } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { chartModel, niceMax } from "../src/lib/chart-model.ts";
import { ago, percent, points, span } from "../src/lib/format.ts";
import { liveCounts } from "../src/lib/live-counts.ts";
import { periodRange } from "../src/lib/period.ts";
import { branchQa, branchRows, stageRows } from "../src/lib/results-model.ts";

const c = (entries: number, exposures: number, dismissals: number, conversions: number) => ({
  entries,
  exposures,
  dismissals,
  conversions,
});
const stats: StatsResponse = {
  journey: "abandoned-cart",
  from: "2026-05-01",
  to: "2026-05-03",
  stages: {
    browsing: { ...c(100, 0, 0, 0), current: 40 },
    abandoned: { ...c(30, 25, 3, 0), current: 12 },
    purchased: { ...c(20, 0, 0, 20), current: 20 },
    retired: { ...c(1, 0, 0, 0), current: 0 },
  },
  branches: {
    reminder: {
      ...c(45, 12, 1, 9),
      visitors: 45,
      conversionRate: 0.2,
      uplift: { diff: -0.01, low: -0.08, high: 0.06 },
    },
    discount: {
      ...c(45, 13, 2, 14),
      visitors: 45,
      conversionRate: 0.311,
      uplift: { diff: 0.1, low: 0.02, high: 0.18 },
    },
    holdout: { ...c(10, 0, 0, 2), visitors: 10, conversionRate: 0.2, uplift: null },
  },
  transitions: [],
  daily: [
    { day: "2026-05-01", ...c(10, 4, 0, 1) },
    { day: "2026-05-02", ...c(30, 12, 1, 3) },
    { day: "2026-05-03", ...c(0, 0, 0, 0) },
  ],
  control: "holdout",
  method: "sequential",
  alpha: 0.05,
  correction: "holm",
  allocation: "fixed",
  srm: { pValue: null, ok: true, applicable: false, observed: {}, expected: {} },
  metrics: [],
};

describe("results tables", () => {
  it("lists stages in the journey's order, zero-filled, then stages only the stats know", () => {
    const rows = stageRows(stats, [
      { id: "browsing" },
      { id: "carting" },
      { id: "abandoned" },
      { id: "purchased", exit: true },
    ]);
    expect(rows.map((r) => [r.id, r.exit, r.current, r.exposures])).toEqual([
      ["browsing", false, 40, 0],
      ["carting", false, 0, 0],
      ["abandoned", false, 12, 25],
      ["purchased", true, 20, 0],
      ["retired", false, 0, 0],
    ]);
  });

  it("lists branches in the journey's order with the holdout last, counts only (no verdict from one interval)", () => {
    const rows = branchRows(stats, [{ id: "discount" }, { id: "reminder" }]);
    expect(rows.map((r) => [r.id, r.holdout, r.stats.exposures])).toEqual([
      ["discount", false, 13],
      ["reminder", false, 12],
      ["holdout", true, 0],
    ]);
    expect(rows[0]).not.toHaveProperty("uplift");
  });

  it("sums the list's live figures; exit stages are not 'in the journey'", () => {
    expect(liveCounts(stats, new Set(["purchased"]))).toEqual({
      inJourney: 52,
      entries: 100,
      exposures: 25,
      conversions: 25,
    });
  });
});

describe("QA per branch", () => {
  const qa = (stage: string, branch: string, status: "pass" | "fail", at: number): QaResult => ({
    id: `${stage}-${branch}-${at}`,
    journey: "abandoned-cart",
    stage,
    branch,
    status,
    note: "",
    version: "draft",
    by: "marketer",
    at,
  });
  const results = [
    qa("abandoned", "discount", "fail", 1),
    qa("abandoned", "discount", "pass", 2),
    qa("carting", "discount", "pass", 3),
    qa("abandoned", "reminder", "pass", 1),
    qa("abandoned", "reminder", "fail", 5),
  ];
  it("uses the latest verdict per stage: a later pass clears a fail", () => {
    const d = branchQa(results, "abandoned-cart", "discount");
    expect(d.status).toBe("pass");
    expect(d.stages.map((s) => s.stage)).toEqual(["carting", "abandoned"]);
  });
  it("fails when a stage's latest verdict fails", () =>
    expect(branchQa(results, "abandoned-cart", "reminder").status).toBe("fail"));
  it("says when nothing was checked", () => expect(branchQa(results, "other", "discount").status).toBe("none"));
});

describe("daily chart", () => {
  const box = { width: 300, height: 120, left: 20, right: 10, top: 10, bottom: 10 };
  it("scales to a round maximum and puts zero on the baseline", () => {
    const m = chartModel(stats.daily, ["entries", "conversions"], box);
    expect(m.max).toBe(50);
    const entries = m.series[0].points;
    expect(entries.map((p) => p.x)).toEqual([20, 155, 290]);
    expect(entries[2].y).toBe(110);
    expect(entries[1].y).toBeCloseTo(10 + 100 - (30 / 50) * 100);
    expect(m.series[0].d).toMatch(/^M20\.0,90\.0 L155\.0,50\.0 L290\.0,110\.0$/);
    expect(m.yTicks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(chartModel([{ day: "d", n: 1 }], ["n"], box).yTicks.map((t) => t.value)).toEqual([0, 1]);
    expect(chartModel([{ day: "d", n: 2 }], ["n"], box).yTicks.map((t) => t.value)).toEqual([0, 1, 2]);
  });
  it.each([
    [0, 1],
    [1, 1],
    [7, 10],
    [12, 20],
    [230, 500],
  ])("niceMax(%s) = %s", (v, m) => expect(niceMax(v)).toBe(m));
});

describe("formatting", () => {
  it.each([
    [0.123, "12.3%"],
    [0, "0.0%"],
    [NaN, "–"],
  ])("percent(%s) = %s", (v, s) => expect(percent(v)).toBe(s));
  it.each([
    [0.021, "+2.1 pts"],
    [-0.005, "−0.5 pts"],
    [0.0001, "0.0 pts"],
  ])("points(%s) = %s", (v, s) => expect(points(v)).toBe(s));
  it.each([
    [500, "500ms"],
    [31 * 60_000 + 2000, "31m 2s"],
    [26 * 3_600_000, "1d 2h"],
  ])("span(%s) = %s", (v, s) => expect(span(v)).toBe(s));
  it("ago", () => {
    expect(ago(0, 10_000)).toBe("just now");
    expect(ago(0, 5 * 60_000)).toBe("5 min ago");
    expect(ago(0, 3 * 3_600_000)).toBe("3 h ago");
  });
  it("a period ends today and spans its days inclusively (UTC)", () => {
    expect(periodRange("7d", Date.UTC(2026, 4, 10, 23, 59))).toEqual({ from: "2026-05-04", to: "2026-05-10" });
    expect(periodRange("1d", Date.UTC(2026, 4, 10))).toEqual({ from: "2026-05-10", to: "2026-05-10" });
  });
});
