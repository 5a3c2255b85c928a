// Small and degenerate inputs: never NaN, never a zero-width interval, nothing called below the minimums.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  compareMeans,
  holm,
  meanInterval,
  MIN_CONVERSIONS,
  MIN_VISITORS,
  sequentialRho,
  srmTest,
  studentTQuantile,
  studentTSf,
  verdictOf,
  visitorsNeeded,
  type Method,
  type Moments,
} from "../../src/stats/index.ts";

const conv = (sum: number, n: number): Moments => ({ n, sum, sumSq: sum });
const METHODS: Method[] = ["sequential", "fixed"];

describe("compareMeans on small and degenerate groups", () => {
  const binary: [string, Moments, Moments][] = [
    ["both empty", conv(0, 0), conv(0, 0)],
    ["empty treatment", conv(0, 0), conv(3, 10)],
    ["one visitor each, 1 vs 0 (the seed's +100 pts winner)", conv(1, 1), conv(0, 1)],
    ["one visitor each, both converted", conv(1, 1), conv(1, 1)],
    ["all converted in both", conv(500, 500), conv(480, 480)],
    ["none converted in both", conv(0, 500), conv(0, 480)],
    ["all against none", conv(200, 200), conv(0, 200)],
    ["more conversions than visitors (bad input, clamped)", conv(12, 10), conv(3, 10)],
  ];
  it.each(binary.flatMap(([name, t, c]) => METHODS.map((m) => [`${name} (${m})`, t, c, m] as const)))(
    "binary: %s",
    (_name, t, c, method) => {
      const r = compareMeans(t, c, { binary: true, method })!;
      expect(r).not.toBeNull();
      for (const v of Object.values(r)) expect(Number.isNaN(v)).toBe(false);
      expect(r.high - r.low).toBeGreaterThan(0.01);
      expect(r.low).toBeGreaterThanOrEqual(-1);
      expect(r.high).toBeLessThanOrEqual(1);
      // 0 only by underflow, for overwhelming evidence (all 200 against none of 200).
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    },
  );

  it("the seed's 1-of-1 against 0-of-1 is nowhere near a call", () => {
    for (const method of METHODS) {
      const r = compareMeans(conv(1, 1), conv(0, 1), { binary: true, method })!;
      expect(r.est).toBe(1);
      expect(r.low).toBeLessThan(0);
      expect(r.pValue).toBeGreaterThan(0.2);
      expect(verdictOf({ treatment: conv(1, 1), control: conv(0, 1), comparison: r, binary: true })).toBe(
        "insufficient_data",
      );
    }
  });

  const continuous: [string, Moments, Moments, "null" | "interval"][] = [
    ["empty groups", { n: 0, sum: 0, sumSq: 0 }, { n: 0, sum: 0, sumSq: 0 }, "null"],
    ["one visitor each", { n: 1, sum: 40, sumSq: 1600 }, { n: 1, sum: 10, sumSq: 100 }, "null"],
    ["every value 0 (revenue, nobody bought)", { n: 300, sum: 0, sumSq: 0 }, { n: 280, sum: 0, sumSq: 0 }, "interval"],
    ["every value 3 in both (counts)", { n: 50, sum: 150, sumSq: 450 }, { n: 60, sum: 180, sumSq: 540 }, "interval"],
    ["2 visitors each, different constants", { n: 2, sum: 10, sumSq: 50 }, { n: 2, sum: 4, sumSq: 8 }, "interval"],
    [
      "sumSq a hair below sum²/n (rounding)",
      { n: 3, sum: 0.3, sumSq: 0.03 - 1e-18 },
      { n: 3, sum: 0.3, sumSq: 0.03 },
      "interval",
    ],
  ];
  it.each(continuous.flatMap(([name, t, c, e]) => METHODS.map((m) => [`${name} (${m})`, t, c, e, m] as const)))(
    "continuous: %s",
    (_name, t, c, expected, method) => {
      const r = compareMeans(t, c, { method });
      if (expected === "null") return expect(r).toBeNull();
      expect(r).not.toBeNull();
      for (const v of Object.values(r!)) expect(Number.isFinite(v)).toBe(true);
      expect(r!.high - r!.low).toBeGreaterThan(0);
      expect(r!.low).toBeLessThanOrEqual(r!.est);
      expect(r!.high).toBeGreaterThanOrEqual(r!.est);
    },
  );

  it("no relative difference when the control's mean is 0", () => {
    const r = compareMeans(conv(5, 100), conv(0, 100), { binary: true })!;
    expect(r.rel).toBeUndefined();
    expect(compareMeans(conv(5, 100), conv(4, 100), { binary: true })!.rel).toBeCloseTo(0.25, 12);
  });

  it("property: finite, positive width, holds the observed difference, p in [0, 1], p < alpha exactly when the interval excludes 0", () => {
    const group = fc.record({
      n: fc.integer({ min: 0, max: 200_000 }),
      rate: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(group, group, fc.constantFrom<Method>("sequential", "fixed"), (a, b, method) => {
        const t = conv(Math.round(a.n * a.rate), a.n);
        const c = conv(Math.round(b.n * b.rate), b.n);
        const r = compareMeans(t, c, { binary: true, method })!;
        for (const v of [r.est, r.low, r.high, r.se, r.pValue]) expect(Number.isFinite(v)).toBe(true);
        expect(r.high).toBeGreaterThan(r.low);
        // The interval is centred on the adjusted proportions, but the observed difference stays inside it.
        expect(r.low).toBeLessThanOrEqual(r.est);
        expect(r.est).toBeLessThanOrEqual(r.high);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        const excludes = r.low > 0 || r.high < 0;
        // Away from the boundary (1e-9) the two must agree; exactly at it rounding may go either way.
        if (Math.abs(r.pValue - 0.05) > 1e-9) expect(r.pValue < 0.05).toBe(excludes);
      }),
      { numRuns: 2000 },
    );
  });

  it("the sequential p-value is the smallest alpha at which the sequence (rho tuned at 0.05) excludes 0", () => {
    const t = conv(1230, 10_000);
    const c = conv(1120, 10_000);
    const r = compareMeans(t, c, { binary: true })!;
    const centre = (r.low + r.high) / 2;
    const n = 20_000;
    const rho = sequentialRho(0.05, 5000);
    const width = (a: number) => {
      const tr2p1 = n * rho * rho + 1;
      return r.se * Math.sqrt((2 * tr2p1 * Math.log(Math.sqrt(tr2p1) / a)) / (n * rho * rho));
    };
    expect(r.pValue).toBeGreaterThan(0.001);
    expect(r.pValue).toBeLessThan(0.5);
    expect(width(r.pValue)).toBeCloseTo(Math.abs(centre), 12);
    expect(width(r.pValue * 1.01)).toBeLessThan(Math.abs(centre));
    expect(width(r.pValue * 0.99)).toBeGreaterThan(Math.abs(centre));
  });

  it("the sequential interval is wider than the fixed one, and tightest (relative to it) near plannedN", () => {
    const ratio = (n: number, plannedN: number) => {
      const t = conv(Math.round(n * 0.11), n);
      const c = conv(Math.round(n * 0.1), n);
      const s = compareMeans(t, c, { binary: true, plannedN })!;
      const f = compareMeans(t, c, { binary: true, method: "fixed" })!;
      return (s.high - s.low) / (f.high - f.low);
    };
    for (const n of [100, 1000, 10_000, 100_000]) expect(ratio(n, 5000)).toBeGreaterThan(1);
    expect(ratio(10_000, 20_000)).toBeLessThan(ratio(10_000, 2_000));
    expect(ratio(500, 1_000)).toBeLessThan(ratio(500, 20_000));
  });
});

describe("Student's t", () => {
  it("property: the quantile inverts the tail (1e-9 relative on the smaller tail), any df from 1 to 1e7", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.boolean(),
        (q, df, upper) => {
          const t = studentTQuantile(upper ? 1 - q : q, df);
          const back = upper ? studentTSf(t, df) : studentTSf(-t, df);
          // 1 - q rounds at 1e-16 absolute, which is relative 1e-16 / q of the tail.
          expect(Math.abs(back - q)).toBeLessThanOrEqual(1e-9 * q + (upper ? 1e-15 : 0));
        },
      ),
      { numRuns: 300 },
    );
  });
  it("is symmetric, 0 at the median, infinite at 0 and 1", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(0.025, 9.5)).toBeCloseTo(-studentTQuantile(0.975, 9.5), 12);
    // Near the median the quantile is (p - 1/2) / pdf(0); for df 4, pdf(0) = 3/8.
    expect(studentTQuantile(0.5 + 1e-7, 4) / (1e-7 / 0.375)).toBeCloseTo(1, 6);
  });
});

describe("meanInterval", () => {
  it.each([
    [conv(0, 1), true],
    [conv(1, 1), true],
    [conv(50, 50), true],
    [conv(0, 5000), true],
    [{ n: 40, sum: 0, sumSq: 0 }, false],
    [{ n: 40, sum: 400, sumSq: 5000 }, false],
  ] as [Moments, boolean][])("%o binary=%s: finite, positive width", (m, binary) => {
    for (const method of METHODS) {
      const r = meanInterval(m, { binary, method })!;
      expect(Number.isFinite(r.low) && Number.isFinite(r.high)).toBe(true);
      expect(r.high).toBeGreaterThan(r.low);
      if (binary) expect(r.low >= 0 && r.high <= 1).toBe(true);
    }
  });
  it("null for an empty group, and for one visitor of a non-binary metric", () => {
    expect(meanInterval(conv(0, 0), { binary: true })).toBeNull();
    expect(meanInterval({ n: 1, sum: 5, sumSq: 25 })).toBeNull();
  });
});

describe("verdictOf", () => {
  const sig = { low: 0.01, high: 0.05, pValue: 0.001 };
  const sigDown = { low: -0.05, high: -0.01, pValue: 0.001 };
  const notSig = { low: -0.01, high: 0.05, pValue: 0.2 };
  const enough = conv(150, 1000);
  const rows: [string, Parameters<typeof verdictOf>[0], string][] = [
    ["better", { treatment: enough, control: enough, comparison: sig, binary: true }, "better"],
    ["worse", { treatment: enough, control: enough, comparison: sigDown, binary: true }, "worse"],
    ["inconclusive", { treatment: enough, control: enough, comparison: notSig, binary: true }, "inconclusive"],
    [
      "decrease is better: up is worse",
      { treatment: enough, control: enough, comparison: sig, direction: "decrease" },
      "worse",
    ],
    [
      "decrease is better: down is better",
      { treatment: enough, control: enough, comparison: sigDown, direction: "decrease" },
      "better",
    ],
    [
      "corrected p-value over alpha",
      { treatment: enough, control: enough, comparison: sig, adjustedPValue: 0.06 },
      "inconclusive",
    ],
    [
      "corrected p-value under alpha",
      { treatment: enough, control: enough, comparison: sig, adjustedPValue: 0.04 },
      "better",
    ],
    [
      "p under alpha but the interval holds 0 (mismatched input)",
      { treatment: enough, control: enough, comparison: { ...notSig, pValue: 0.01 } },
      "inconclusive",
    ],
    [
      `treatment under ${MIN_VISITORS} visitors`,
      { treatment: conv(50, MIN_VISITORS - 1), control: enough, comparison: sig, binary: true },
      "insufficient_data",
    ],
    [
      `control under ${MIN_VISITORS} visitors`,
      { treatment: enough, control: conv(50, MIN_VISITORS - 1), comparison: sig },
      "insufficient_data",
    ],
    [
      `exactly ${MIN_VISITORS} visitors and ${MIN_CONVERSIONS} conversions`,
      {
        treatment: conv(MIN_CONVERSIONS, MIN_VISITORS),
        control: conv(MIN_CONVERSIONS, MIN_VISITORS),
        comparison: sig,
        binary: true,
      },
      "better",
    ],
    [
      `under ${MIN_CONVERSIONS} conversions in both groups`,
      {
        treatment: conv(MIN_CONVERSIONS - 1, 1000),
        control: conv(MIN_CONVERSIONS - 1, 1000),
        comparison: sig,
        binary: true,
      },
      "insufficient_data",
    ],
    [
      // A dismissal guardrail against a holdout that never sees the banner (so never dismisses it).
      `${MIN_CONVERSIONS} dismissals in the branch, none in the holdout, direction decrease`,
      {
        treatment: conv(MIN_CONVERSIONS, 1000),
        control: conv(0, 1000),
        comparison: { low: 0.004, high: 0.016, pValue: 0.001 },
        binary: true,
        direction: "decrease",
      },
      "worse",
    ],
    [
      "conversion minimum does not apply to revenue",
      { treatment: { n: 1000, sum: 5, sumSq: 500 }, control: { n: 1000, sum: 1, sumSq: 100 }, comparison: sig },
      "better",
    ],
    ["no comparison", { treatment: enough, control: enough, comparison: null }, "insufficient_data"],
  ];
  it.each(rows)("%s", (_name, input, expected) => expect(verdictOf(input)).toBe(expected));
});

describe("srmTest edge cases", () => {
  it("no visitors: nothing to test", () => expect(srmTest([0, 0], [0.5, 0.5])).toEqual({ chi2: 0, df: 1, pValue: 1 }));
  it("one group: nothing to test", () => expect(srmTest([100], [1]).pValue).toBe(1));
  it("a perfect split", () => expect(srmTest([500, 500], [1, 1]).pValue).toBe(1));
  it("shares need not sum to 1", () => expect(srmTest([480, 520], [50, 50])).toEqual(srmTest([480, 520], [0.5, 0.5])));
  it("a group with share 0 and no visitors is left out", () => {
    expect(srmTest([480, 520, 0], [0.5, 0.5, 0])).toEqual(srmTest([480, 520], [0.5, 0.5]));
  });
  it("visitors in a group with share 0 are a mismatch", () => expect(srmTest([480, 520, 3], [1, 1, 0]).pValue).toBe(0));
  it("a 48/52 split of 10,000 visitors is flagged (p < 0.001)", () =>
    expect(srmTest([4800, 5200], [1, 1]).pValue).toBeLessThan(0.001));
  it("one expected share per group", () => expect(() => srmTest([1, 2], [1])).toThrow());
});

describe("holm and benjaminiHochberg", () => {
  it("empty family", () => {
    expect(holm([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
  it("property: adjusted values lie between the raw value and 1, BH <= Holm, order of the input kept", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (p) => {
        const h = holm(p);
        const b = benjaminiHochberg(p);
        p.forEach((v, i) => {
          // m p / m may round one ulp below p.
          expect(h[i]).toBeGreaterThanOrEqual(v * (1 - 1e-15));
          expect(b[i]).toBeGreaterThanOrEqual(v * (1 - 1e-15));
          expect(h[i]).toBeLessThanOrEqual(1);
          expect(b[i]).toBeLessThanOrEqual(h[i] + 1e-15);
        });
        // Ranks are kept: a smaller raw p-value never gets a larger adjusted one.
        p.forEach((v, i) => p.forEach((w, j) => v < w && expect(h[i]).toBeLessThanOrEqual(h[j])));
      }),
    );
  });
});

describe("visitorsNeeded", () => {
  const control = conv(100, 1000);
  it("sequential needs more than fixed, fewer for a bigger effect", () => {
    const fixed = visitorsNeeded(control, 0.02, { binary: true, method: "fixed" });
    const seq = visitorsNeeded(control, 0.02, { binary: true });
    expect(seq).toBeGreaterThan(fixed);
    expect(visitorsNeeded(control, 0.05, { binary: true })).toBeLessThan(seq);
  });
  it("about 3,800 per branch for 10% -> 12% at 80% power, fixed horizon (textbook: 3,841 for p = 0.1)", () => {
    expect(visitorsNeeded(control, 0.02, { binary: true, method: "fixed" })).toBeGreaterThan(3700);
    expect(visitorsNeeded(control, 0.02, { binary: true, method: "fixed" })).toBeLessThan(3900);
  });
  it("NaN when there is nothing to detect or no control to plan from", () => {
    expect(visitorsNeeded(control, 0, { binary: true })).toBeNaN();
    expect(visitorsNeeded(control, Infinity, { binary: true })).toBeNaN();
    expect(visitorsNeeded({ n: 1, sum: 3, sumSq: 9 }, 1)).toBeNaN();
  });
  it("an empty control plans for the widest spread (50%)", () => {
    expect(visitorsNeeded(conv(0, 0), 0.02, { binary: true, method: "fixed" })).toBeGreaterThan(9000);
  });
  it("the sequential answer is the smallest n that reaches the power", () => {
    for (const effect of [0.01, 0.02, 0.05]) {
      const n = visitorsNeeded(control, effect, { binary: true });
      const at = (k: number) => {
        const t = conv(Math.round(k * (0.1 + effect)), k);
        const c = conv(Math.round(k * 0.1), k);
        return compareMeans(t, c, { binary: true })!;
      };
      // At the planned size an observed effect of exactly `effect` is well inside significance (power 80% means
      // the expected z clears the half-width by 0.84 standard errors).
      expect(at(n).pValue).toBeLessThan(0.05);
      expect(Number.isInteger(n)).toBe(true);
    }
  });
});
