import { describe, expect, it } from "vitest";
import { assignBranch } from "../src/engine/assign-branch.ts";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { hash01 } from "../src/engine/hash01.ts";
import { sampleBeta, sampleGamma } from "../src/engine/sample-beta.ts";
import type { CompiledJourney } from "../src/engine/types.ts";
import table from "./cases/branches.json";
import { rows } from "./support/cases.ts";
import { journeyFrom } from "./support/fixtures.ts";
import { seededRandom } from "../src/engine/seeded-random.ts";

function compiled(spec: unknown): CompiledJourney {
  const rules = compileRuleset({ version: 1, journeys: [journeyFrom(spec)] });
  expect(rules.skipped).toEqual([]);
  return rules.journeys[0];
}

const N = 20_000;
const ids = Array.from({ length: N }, (_, i) => `visitor-${i.toString(36)}-${(i * 7919) % 104729}`);

describe("assignBranch: deterministic", () => {
  it.each(rows<{ visitorId: string; journey: unknown }, { branch: string | null; holdout: boolean }>(table))(
    "$name",
    ({ input, expected }) => {
      const j = compiled(input.journey);
      expect(assignBranch(input.visitorId, j)).toEqual(expected);
      // Sticky: the same answer every time, and whatever `random` says for fixed allocation.
      expect(assignBranch(input.visitorId, j, () => 0.999)).toEqual(expected);
    },
  );

  it("hash01 stays in [0, 1) and spreads", () => {
    let sum = 0;
    for (const id of ids) {
      const h = hash01(id);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(1);
      sum += h;
    }
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.01);
  });
});

describe("assignBranch: distribution over 20,000 visitors", () => {
  it("contract journey: holdout 10% ±1.5%, branches 50/50 ±2%", () => {
    const j = compiled("@contract");
    const counts: Record<string, number> = { holdout: 0, discount: 0, reminder: 0 };
    for (const id of ids) {
      const a = assignBranch(id, j);
      counts[a.holdout ? "holdout" : a.branch!]++;
    }
    expect(Math.abs(counts.holdout / N - 0.1)).toBeLessThanOrEqual(0.015);
    const treated = N - counts.holdout;
    expect(Math.abs(counts.discount / treated - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(counts.reminder / treated - 0.5)).toBeLessThanOrEqual(0.02);
  });

  it("uneven weights 3:1:0 with a 25% holdout", () => {
    const j = compiled({
      $extends: "contract",
      holdout: 0.25,
      branches: [
        { id: "a", weight: 3 },
        { id: "b", weight: 1 },
        { id: "off", weight: 0 },
      ],
      actions: [],
    });
    const counts: Record<string, number> = { holdout: 0, a: 0, b: 0, off: 0 };
    for (const id of ids) {
      const r = assignBranch(id, j);
      counts[r.holdout ? "holdout" : r.branch!]++;
    }
    expect(Math.abs(counts.holdout / N - 0.25)).toBeLessThanOrEqual(0.015);
    const treated = N - counts.holdout;
    expect(Math.abs(counts.a / treated - 0.75)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(counts.b / treated - 0.25)).toBeLessThanOrEqual(0.02);
    expect(counts.off).toBe(0);
  });

  it("a large holdout leaves the branch split intact", () => {
    const j = compiled({ $extends: "contract", holdout: 0.5 });
    let inHoldout = 0;
    let discount = 0;
    for (const id of ids) {
      const a = assignBranch(id, j);
      if (a.holdout) inHoldout++;
      else if (a.branch === "discount") discount++;
    }
    expect(Math.abs(inHoldout / N - 0.5)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(discount / (N - inHoldout) - 0.5)).toBeLessThanOrEqual(0.02);
  });
});

describe("assignBranch: Thompson sampling", () => {
  const j = compiled({ $extends: "contract", allocation: "thompson", holdout: 0 });

  it("favours the branch that converts better", () => {
    const random = seededRandom(42);
    const stats = { discount: { exposures: 1000, conversions: 100 }, reminder: { exposures: 1000, conversions: 50 } };
    let discount = 0;
    for (let i = 0; i < 2000; i++) if (assignBranch(`t${i}`, j, random, stats).branch === "discount") discount++;
    expect(discount / 2000).toBeGreaterThan(0.99);
  });

  it("explores evenly without evidence", () => {
    const random = seededRandom(7);
    let discount = 0;
    for (let i = 0; i < 4000; i++) if (assignBranch(`t${i}`, j, random, {}).branch === "discount") discount++;
    expect(Math.abs(discount / 4000 - 0.5)).toBeLessThan(0.04);
  });

  it("keeps the holdout fixed by hash", () => {
    const withHoldout = compiled({ $extends: "contract", allocation: "thompson" });
    const random = seededRandom(1);
    expect(assignBranch("v2", withHoldout, random, {})).toEqual({ branch: null, holdout: true });
  });

  it("falls back to fixed weights without random or stats", () => {
    expect(assignBranch("v3", j)).toEqual({ branch: "reminder", holdout: false });
  });

  it("samples Gamma and Beta with the right means", () => {
    const random = seededRandom(3);
    let g = 0;
    let g2 = 0;
    let b = 0;
    for (let i = 0; i < N; i++) {
      g += sampleGamma(3, random);
      g2 += sampleGamma(0.5, random);
      b += sampleBeta(2, 8, random);
    }
    expect(Math.abs(g / N - 3)).toBeLessThan(0.06);
    expect(Math.abs(g2 / N - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(b / N - 0.2)).toBeLessThan(0.01);
  });
});
