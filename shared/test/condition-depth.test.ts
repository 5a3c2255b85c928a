import { describe, expect, it } from "vitest";
import { Condition, MAX_CONDITION_DEPTH } from "../src/schemas/condition.ts";
import { Journey } from "../src/schemas/journey.ts";

/** `depth` conditions nested in one another: all > all > ... > path. */
function nested(depth: number, type: "all" | "any" = "all"): unknown {
  let c: unknown = { type: "path", glob: "/x" };
  for (let i = 1; i < depth; i++) c = { type, conditions: [c] };
  return c;
}

/** The path zod would report for the condition at `depth` (1 = the outermost). */
function pathAt(depth: number): (string | number)[] {
  return Array.from({ length: depth - 1 }, () => ["conditions", 0]).flat();
}

const journey = (when: unknown) => ({
  id: "deep",
  name: "deep",
  stages: [{ id: "a" }],
  start: "a",
  transitions: [],
  branches: [{ id: "x", weight: 1 }],
  actions: [{ type: "hide", selector: "p", when: [when] }],
});

describe("condition nesting depth", () => {
  it(`accepts conditions nested ${MAX_CONDITION_DEPTH} deep`, () => {
    expect(Condition.safeParse(nested(MAX_CONDITION_DEPTH)).success).toBe(true);
    expect(Condition.safeParse(nested(MAX_CONDITION_DEPTH, "any")).success).toBe(true);
  });

  it.each([MAX_CONDITION_DEPTH + 1, 1_000, 100_000])(
    "refuses conditions nested %i deep with one issue at the first level too deep, without recursing",
    (depth) => {
      const r = Condition.safeParse(nested(depth));
      expect(r.success).toBe(false);
      expect(r.error!.issues).toHaveLength(1);
      expect(r.error!.issues[0].path).toEqual(pathAt(MAX_CONDITION_DEPTH + 1));
      expect(r.error!.issues[0].message).toMatch(`at most ${MAX_CONDITION_DEPTH} deep`);
    },
  );

  it("reports the full path inside a journey", () => {
    const r = Journey.safeParse(journey(nested(1_000)));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([["actions", 0, "when", 0, ...pathAt(MAX_CONDITION_DEPTH + 1)]]);
  });

  it("counts the depth of the deepest branch, not the first", () => {
    const wide = { type: "any", conditions: [{ type: "path", glob: "/a" }, nested(MAX_CONDITION_DEPTH)] };
    const r = Condition.safeParse(wide);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["conditions", 1, ...pathAt(MAX_CONDITION_DEPTH)]);
  });

  it("refuses 100,000 nested arrays in place of conditions with a plain type error", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const r = Journey.safeParse({ ...journey(null), actions: [{ type: "hide", selector: "p", when: deep }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["actions", 0, "when", 0]);
  });
});
