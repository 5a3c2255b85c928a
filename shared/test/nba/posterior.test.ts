import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/engine/seeded-random.ts";
import { FEATURE_DIM } from "../../src/nba/feature-vector.ts";
import { standardNormal } from "../../src/nba/choose-offer.ts";
import { priorPosterior, sigmoid, updatePosterior, type Example, type Posterior } from "../../src/nba/posterior.ts";
import reference from "./reference.json" with { type: "json" };

describe("updatePosterior (Laplace update, Chapelle & Li algorithm 3)", () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))("matches scipy: %s", (_name, c) => {
    let post: Posterior = priorPosterior();
    for (const batch of c.batches) post = updatePosterior(post, batch as Example[]);
    expect(reference.dim).toBe(FEATURE_DIM);
    for (let i = 0; i < FEATURE_DIM; i++) {
      expect(post.m[i]).toBeCloseTo(c.m[i], 7);
      expect(post.q[i] / c.q[i]).toBeCloseTo(1, 7);
    }
  });

  it("leaves the prior alone for an empty batch and slots no example touches", () => {
    const prior = priorPosterior();
    expect(updatePosterior(prior, [])).toEqual(prior);
    const post = updatePosterior(prior, [{ idx: [0, 7], val: [1, 1], label: 1 }]);
    expect(post.m[8]).toBe(0);
    expect(post.q[8]).toBe(1);
    expect(post.m[7]).toBeGreaterThan(0);
    expect(post.q[7]).toBeGreaterThan(1);
    expect(prior.m[7]).toBe(0); // pure
  });

  // The diagonal posterior forgets the correlations between weights, so early small batches leave a bias that later
  // ones only slowly undo: with batches of 2,000 the weights come back within 0.1, with batches of 500 within 0.25.
  it.each([
    [2_000, 0.1],
    [500, 0.25],
  ])(
    "recovers known weights from a simulated population (40,000 examples, batches of %i)",
    (size, tolerance) => {
      const random = seededRandom(18);
      // Ten binary features, each active for 30% of visitors; true log-odds = bias + the active weights.
      const truth = [-3, 1.2, -0.8, 0.5, 0, 2, -1.5, 0.3, 0.9, -0.4, 1.6];
      let post = priorPosterior();
      let batch: Example[] = [];
      for (let n = 0; n < 40_000; n++) {
        const idx = [0];
        for (let f = 1; f < truth.length; f++) if (random() < 0.3) idx.push(f);
        const s = idx.reduce((sum, i) => sum + truth[i], 0);
        batch.push({ idx, val: idx.map(() => 1), label: random() < sigmoid(s) ? 1 : 0 });
        if (batch.length === size) {
          post = updatePosterior(post, batch);
          batch = [];
        }
      }
      truth.forEach((w, i) => {
        expect(1 / Math.sqrt(post.q[i])).toBeLessThan(0.05);
        expect(Math.abs(post.m[i] - w)).toBeLessThan(tolerance);
      });
    },
    60_000,
  );
});

describe("standardNormal", () => {
  it("has mean 0 and variance 1", () => {
    const random = seededRandom(1);
    let sum = 0;
    let sq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(random);
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });
});
