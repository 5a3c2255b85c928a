import { describe, expect, it } from "vitest";
import {
  comparisonCount,
  correctionText,
  cumulativeChart,
  describeMetric,
  FOREST_WIDTH,
  formatDiff,
  formatP,
  formatRel,
  formatValue,
  forestScale,
  groupOrder,
  methodText,
  metricViews,
  srmView,
  verdictCopy,
  type GroupFigures,
  type MetricFigures,
  type ResultsFigures,
} from "../src/lib/results-model.ts";

// The results fields of the stats API (contract D of issue 14) as the page reads them.
const g = (visitors: number, mean: number, more: Partial<GroupFigures> = {}): GroupFigures => ({
  visitors,
  sum: mean * visitors,
  sumSq: mean * visitors,
  mean,
  vsControl: null,
  verdict: null,
  ...more,
});
const vs = (est: number, low: number, high: number, adjustedPValue = 0.5, rel?: number) => ({
  est,
  low,
  high,
  pValue: adjustedPValue / 2,
  adjustedPValue,
  ...(rel === undefined ? {} : { rel }),
});
const metric = (m: Partial<MetricFigures> & Pick<MetricFigures, "id" | "kind" | "groups">): MetricFigures => ({
  role: "secondary",
  direction: "increase",
  window: "30d",
  ...m,
});
const figures = (more: Partial<ResultsFigures> = {}): ResultsFigures => ({
  control: "holdout",
  method: "sequential",
  alpha: 0.05,
  correction: "holm",
  allocation: "fixed",
  srm: {
    pValue: 0.4,
    ok: true,
    applicable: true,
    observed: { a: 500, holdout: 55 },
    expected: { a: 0.9, holdout: 0.1 },
  },
  metrics: [
    metric({
      id: "dismissals",
      kind: "count",
      role: "guardrail",
      direction: "decrease",
      groups: { holdout: g(55, 0), a: g(500, 0.3, { vsControl: vs(0.3, 0.1, 0.5, 0.01), verdict: "worse" }) },
    }),
    metric({
      id: "revenue",
      name: "Revenue",
      kind: "revenue",
      groups: {
        a: g(500, 12.5, { vsControl: vs(2.25, -1.5, 6, 0.4, 0.22), verdict: "inconclusive" }),
        holdout: g(55, 10.25),
      },
    }),
    metric({
      id: "goal",
      kind: "conversion",
      role: "primary",
      groups: {
        holdout: g(55, 0.1),
        a: g(500, 0.14, { vsControl: vs(0.04, 0.012, 0.068, 0.004, 0.4), verdict: "better" }),
      },
    }),
  ],
  ...more,
});

describe("values in the metric's unit", () => {
  it.each([
    ["conversion", 0.1234, "12.3%"],
    ["conversion", 0, "0.0%"],
    ["revenue", 12.5, "12.50 per visitor"],
    ["revenue", 123.45, "123.5 per visitor"],
    ["revenue", 12345.6, "12,346 per visitor"],
    ["count", 0.3, "0.30 per visitor"],
    ["count", NaN, "–"],
  ] as const)("%s %s -> %s", (kind, v, s) => expect(formatValue(kind, v)).toBe(s));

  it.each([
    ["conversion", 0.021, "+2.1 pts"],
    ["conversion", -0.005, "−0.5 pts"],
    ["revenue", 2.25, "+2.25"],
    ["revenue", -1.5, "−1.50"],
    ["revenue", 0.001, "0.00"],
    ["count", -250.04, "−250.0"],
    ["count", Infinity, "+∞"],
    ["count", -Infinity, "−∞"],
  ] as const)("difference %s %s -> %s", (kind, v, s) => expect(formatDiff(kind, v)).toBe(s));

  it.each([
    [0.22, "+22%"],
    [-0.05, "−5.0%"],
    [0, "0.0%"],
  ])("relative %s -> %s", (v, s) => expect(formatRel(v)).toBe(s));

  it.each([
    [0.0004, "p < 0.001"],
    [0.004, "p = 0.004"],
    [0.4, "p = 0.40"],
  ])("p %s -> %s", (v, s) => expect(formatP(v)).toBe(s));
});

describe("verdicts in marketer words (the words carry it, never the colour alone)", () => {
  const o = { control: false, controlLabel: "holdout", kind: "conversion" as const, srmOk: true };
  it.each([
    ["better", {}, "better than holdout", "▲"],
    ["worse", {}, "worse than holdout", "▼"],
    ["inconclusive", {}, "no clear difference yet", "≈"],
    ["insufficient_data", {}, "not enough data yet", "○"],
    [
      "insufficient_data",
      { needed: 1234.2 },
      "not enough data yet: ~1,235 more visitors per branch for a 2-point change",
      "○",
    ],
    [
      "insufficient_data",
      { needed: 50, neededFor: 0.05 },
      "not enough data yet: ~50 more visitors per branch for a 5-point change",
      "○",
    ],
    [
      "insufficient_data",
      { needed: 800, kind: "revenue" as const },
      "not enough data yet: ~800 more visitors per branch for a 10% change",
      "○",
    ],
    [
      "insufficient_data",
      { needed: 800, neededFor: 1.25, kind: "revenue" as const },
      "not enough data yet: ~800 more visitors per branch for a change of 1.25 per visitor",
      "○",
    ],
    [
      "inconclusive",
      { needed: 9000 },
      "no clear difference yet (~9,000 more visitors per branch for a 2-point change to tell)",
      "≈",
    ],
    ["better", { srmOk: false }, "no verdict: the traffic split looks broken", "!"],
    [null, { srmOk: false }, "no verdict: the traffic split looks broken", "!"],
    ["better", { controlLabel: "control-branch" }, "better than control-branch", "▲"],
    [null, { control: true }, "baseline", ""],
  ] as const)("%s %o -> %s", (v, more, text, symbol) => {
    const c = verdictCopy(v, { ...o, ...more });
    expect(c.text).toBe(text);
    expect(c.symbol).toBe(symbol);
  });
});

describe("metric tables", () => {
  const views = metricViews(figures(), { branchOrder: ["a"], names: new Map([["a", "Reminder"]]) });

  it("reads primary first, then secondary, then guardrails (labelled as such)", () => {
    expect(views.map((v) => [v.id, v.roleLabel])).toEqual([
      ["goal", "primary metric"],
      ["revenue", "secondary metric"],
      ["dismissals", "guardrail"],
    ]);
    expect(views[1].title).toBe("Revenue");
    expect(views[0].title).toBe("goal");
  });

  it("puts the control first as the baseline, branches under it with difference, interval and verdict", () => {
    const [goal, revenue, dismissals] = views;
    expect(goal.rows.map((r) => [r.label, r.visitors, r.value, r.diff, r.interval, r.copy.text])).toEqual([
      ["holdout (control)", "55", "10.0%", null, null, "baseline"],
      ["Reminder", "500", "14.0%", "+4.0 pts (+40%)", "95% interval +1.2 pts to +6.8 pts", "better than holdout"],
    ]);
    expect(goal.rows[1].pValue).toBe("p = 0.004 (adjusted)");
    expect(revenue.rows[1].diff).toBe("+2.25 (+22%)");
    expect(revenue.rows[1].interval).toBe("95% interval −1.50 to +6.00");
    expect(revenue.rows[1].copy.text).toBe("no clear difference yet");
    expect(dismissals.rows[1].value).toBe("0.30 per visitor");
    expect(dismissals.rows[1].copy).toMatchObject({ tone: "worse", text: "worse than holdout" });
  });

  it("draws each interval on a scale shared by the metric's rows, zero inside, with a text equivalent", () => {
    const row = views[1].rows[1];
    const f = row.forest!;
    expect(f.low).toBeLessThan(f.zero);
    expect(f.zero).toBeLessThan(f.est);
    expect(f.est).toBeLessThan(f.high);
    expect(f.low).toBeGreaterThan(0);
    expect(f.high).toBeLessThan(FOREST_WIDTH);
    expect([f.openLow, f.openHigh]).toEqual([false, false]);
    expect(row.forestText).toBe("difference +2.25 (+22%), 95% interval −1.50 to +6.00");
    expect(views[1].rows[0].forest).toBeNull();
    expect(views[1].rows[0].forestText).toBe("baseline for the comparison");
  });

  it("an interval that is unbounded runs off the plot's edge and says so", () => {
    const [v] = metricViews(
      figures({
        metrics: [
          metric({
            id: "m",
            kind: "count",
            groups: {
              holdout: g(3, 1),
              a: g(2, 2, { vsControl: vs(1, -Infinity, Infinity), verdict: "insufficient_data" }),
            },
          }),
        ],
      }),
      {},
    );
    const r = v.rows[1];
    expect([r.forest!.low, r.forest!.high, r.forest!.openLow, r.forest!.openHigh]).toEqual([
      0,
      FOREST_WIDTH,
      true,
      true,
    ]);
    expect(r.interval).toBe("95% interval −∞ to +∞");
  });

  it.each([
    [[{ low: -1, high: 3, est: 1 }], -1.32, 3.32],
    [[{ low: 1, high: 3, est: 2 }], -0.24, 3.24],
    [[], -1.16, 1.16],
    [[{ low: -Infinity, high: 2, est: 1 }], -0.16, 2.16],
  ])("forest scale of %j spans %s to %s", (intervals, min, max) => {
    const s = forestScale(intervals);
    expect(s.min).toBeCloseTo(min);
    expect(s.max).toBeCloseTo(max);
    expect(s.x(0)).toBeGreaterThan(0);
  });

  it("orders groups: control, the journey's branch order, then the rest", () => {
    expect(groupOrder(["z", "b", "holdout", "a"], "holdout", ["a", "b"])).toEqual(["holdout", "a", "b", "z"]);
    expect(groupOrder(["b", "a"], "a", ["a", "b"])).toEqual(["a", "b"]);
  });

  it.each([
    [
      { kind: "conversion", direction: "increase" },
      { id: "x", event: ["purchase", "signup"] },
      "Visitors who did purchase or signup, within 30d of entering · higher is better",
    ],
    [
      { kind: "conversion", direction: "increase" },
      { id: "x", url: "/thanks/*" },
      "Visitors who did a view of /thanks/*, within 30d of entering · higher is better",
    ],
    [
      { kind: "revenue", direction: "increase" },
      { id: "x", event: "purchase" },
      "value of purchase, summed per visitor, within 30d of entering · higher is better",
    ],
    [
      { kind: "revenue", direction: "increase" },
      { id: "x", event: "purchase", field: "total" },
      "total of purchase, summed per visitor, within 30d of entering · higher is better",
    ],
    [
      { kind: "count", direction: "decrease" },
      { id: "x", event: "dismiss" },
      "Number of dismiss per visitor, within 30d of entering · lower is better",
    ],
    [
      { kind: "conversion", direction: "increase" },
      undefined,
      "Share of visitors who converted, within 30d of entering · higher is better",
    ],
  ] as const)("describes %o defined as %o", (m, def, text) =>
    expect(describeMetric(metric({ id: "x", groups: {}, ...m }), def)).toBe(text),
  );
});

describe("how the figures were computed, said on the page", () => {
  it("counts every branch x metric comparison for the correction", () => {
    expect(comparisonCount(figures())).toBe(3);
    expect(correctionText(figures())).toMatch(/^Holm correction across 3 comparisons/);
    const one = figures();
    one.metrics = one.metrics.slice(2);
    expect(correctionText(one)).toBe("Holm correction for multiple comparisons (only 1 comparison so far)");
  });
  it("names the method: peeking-safe by default, the fixed horizon with its caveat", () => {
    expect(methodText("sequential")).toMatch(/^Peeking-safe 95% intervals/);
    expect(methodText("fixed")).toMatch(/^Fixed-horizon 95% intervals: valid only when read once/);
  });
});

describe("sample-ratio mismatch", () => {
  it("says nothing when the split looks as configured or cannot be checked", () => {
    expect(srmView(figures().srm, "holdout")).toBeNull();
    expect(srmView({ ...figures().srm, ok: false, applicable: false }, "holdout")).toBeNull();
  });
  it("explains a broken split with observed and expected shares, and withholds every verdict", () => {
    const srm = {
      pValue: 0.00001,
      ok: false,
      applicable: true,
      observed: { a: 520, b: 480 },
      expected: { a: 0.5, b: 0.5 },
    };
    const v = srmView(srm, "a")!;
    expect(v.message).toBe(
      "The traffic split looks broken: a (control) 52.0% (expected 50.0%), b 48.0% (expected 50.0%) (p < 0.001). Something is sending visitors to one group more than configured (a redirect, a bot, a caching rule), so no verdicts are shown until it is fixed.",
    );
    expect(v.rows.map((r) => [r.group, r.observed, r.observedShare, r.expectedShare])).toEqual([
      ["a", "520", "52.0%", "50.0%"],
      ["b", "480", "48.0%", "50.0%"],
    ]);
    const views = metricViews(figures({ srm }), {});
    expect(views.flatMap((m) => m.rows.filter((r) => !r.control).map((r) => r.copy.text))).toEqual([
      "no verdict: the traffic split looks broken",
      "no verdict: the traffic split looks broken",
      "no verdict: the traffic split looks broken",
    ]);
  });
});

describe("cumulative chart", () => {
  const box = { width: 300, height: 120, left: 20, right: 10, top: 10, bottom: 10 };
  const daily = [
    {
      day: "2026-05-01",
      groups: { holdout: { visitors: 10, mean: 0.1 }, a: { visitors: 9, mean: 0.2, low: 0, high: 0.4 } },
    },
    {
      day: "2026-05-02",
      groups: { holdout: { visitors: 20, mean: 0.15 }, a: { visitors: 21, mean: 0.12, low: 0.02, high: 0.3 } },
    },
  ];
  const groups = [
    { group: "holdout", label: "holdout (control)" },
    { group: "a", label: "a" },
  ];
  it("scales rates to a round maximum, one line per group, the interval as a band", () => {
    const m = cumulativeChart(daily, groups, "conversion", box);
    expect(m.max).toBe(0.5);
    expect(m.yTicks.map((t) => t.label)).toEqual(["0.0%", "13%", "25%", "38%", "50%"]);
    expect(m.series[0].line).toBe("M20.0,90.0 L290.0,80.0");
    expect(m.series[0].band).toBeNull();
    expect(m.series[1].band).toBe("M20.0,30.0 L290.0,50.0 L290.0,106.0 L20.0,110.0 Z");
    expect(m.series[1].points[1].text).toBe("2026-05-02: a 12.0% (21 visitors)");
    expect(m.xTicks.map((t) => t.label)).toEqual(["05-01", "05-02"]);
  });
  it("a group missing on a day has no point there; an empty series draws nothing", () => {
    const m = cumulativeChart([{ day: "2026-05-01", groups: {} }, ...daily], groups, "count", box);
    expect(m.series[0].points.map((p) => p.day)).toEqual(["2026-05-01", "2026-05-02"].map((d) => d));
    expect(cumulativeChart([], groups, "count", box).series[0].line).toBe("");
  });
});
