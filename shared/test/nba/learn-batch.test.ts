import { describe, expect, it } from "vitest";
import { learnBatch } from "../../src/nba/learn-batch.ts";
import { priorPosterior, updatePosterior } from "../../src/nba/posterior.ts";

describe("learnBatch", () => {
  const empty = { key: "j/a", version: 0, offers: {} };
  const examples = [
    { offer: "x", idx: [0, 5], val: [1, 1], label: 1 as const },
    { offer: "y", idx: [0, 6], val: [1, 1], label: 0 as const },
    { offer: "x", idx: [0, 7], val: [1, 1], label: 0 as const },
  ];

  it("updates each offer with its own examples, from the prior, and counts them", () => {
    const m = learnBatch(empty, examples);
    expect(m.version).toBe(1);
    expect(m.offers.x).toMatchObject({ exposures: 2, conversions: 1 });
    expect(m.offers.y).toMatchObject({ exposures: 1, conversions: 0 });
    expect(m.offers.x.m).toEqual(updatePosterior(priorPosterior(), [examples[0], examples[2]]).m);
  });

  it("an empty batch changes nothing (not even the version); offers without examples are kept as they were", () => {
    expect(learnBatch(empty, [])).toBe(empty);
    const one = learnBatch(empty, examples);
    const two = learnBatch(one, [examples[1]]);
    expect(two.offers.x).toBe(one.offers.x);
    expect(two.offers.y.exposures).toBe(2);
    expect(two.version).toBe(2);
  });
});
