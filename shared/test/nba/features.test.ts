import { describe, expect, it } from "vitest";
import { newVisitorState } from "../../src/engine/new-visitor-state.ts";
import { FEATURE_DIM, featureSlot, offerFeatures } from "../../src/nba/feature-vector.ts";
import type { VisitorState } from "../../src/schemas/state.ts";
import table from "../cases/nba-features.json";
import { rows } from "../support/cases.ts";
import { ctxFrom, resolveTimes, T0 } from "../support/fixtures.ts";

interface Input {
  consent: boolean;
  ctx: Record<string, unknown>;
  state: { visits: number; previousSessionAt?: number; cart?: { count: number; value: number }; scores?: object };
  stage?: string;
  /** When the features are read (default T0; scores were last updated at T0). */
  now?: number;
}

describe("offerFeatures: the documented feature vector", () => {
  it.each(rows<Input, (string | [string, number])[]>(table))("$name", ({ input, expected }) => {
    const i = resolveTimes(input);
    const base = newVisitorState("v", T0);
    const state: VisitorState = {
      ...base,
      visits: i.state.visits,
      cart: { ...base.cart, ...i.state.cart },
      scores: { ...base.scores, ...i.state.scores, updatedAt: T0 },
      ...(i.state.previousSessionAt === undefined ? {} : { previousSessionAt: i.state.previousSessionAt }),
    };
    const v = offerFeatures({
      state,
      ctx: ctxFrom(i.ctx),
      stage: i.stage ?? "browsing",
      now: i.now ?? T0,
      consent: i.consent,
    });
    expect(v.names.map((n, k) => (v.val[k] === 1 ? n : [n, v.val[k]]))).toEqual(expected);
    expect(v.idx[0]).toBe(0);
    expect(v.idx.length).toBe(v.names.length);
    for (let k = 1; k < v.idx.length; k++) {
      expect(v.idx[k]).toBe(featureSlot(v.names[k]));
      expect(v.idx[k]).toBeGreaterThan(0);
      expect(v.idx[k]).toBeLessThan(FEATURE_DIM);
    }
  });
});
