import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { pageView } from "../src/engine/visit.ts";
import type { VisitorState } from "../src/schemas/state.ts";
import { ctxFrom, T0 } from "./support/fixtures.ts";

// Issue 16 by simulation: 2,000 visitors through the one visit pipeline (pageView), counted against binomial bounds.
const N = 2_000;
const ids = Array.from({ length: N }, (_, i) => `sim-${i.toString(36)}-${((i * 2654435761) >>> 0).toString(36)}`);
const ctx = ctxFrom({ path: "/" });

function journey(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    stages: [{ id: "in" }],
    start: "in",
    actions: [{ id: "banner", type: "insert", selector: `#${id}`, position: "prepend", html: id }],
    ...extra,
  };
}

/** Within 4 standard deviations of n * p (a binomial count). */
function expectAbout(count: number, n: number, p: number, what: string) {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${what}: ${count} of ${n}, expected ${n * p} ± ${Math.ceil(4 * sd)}`).toBeLessThan(
    4 * sd,
  );
}

function visitAll(
  rules: ReturnType<typeof compileRuleset>,
  states: VisitorState[],
  now: number,
  globalHoldout?: number,
) {
  return states.map((s) => pageView(s, rules, ctx, { now, globalHoldout }));
}

describe("traffic share over 2,000 visitors", () => {
  it("0.1 enrolls about 10%; raised to 0.5 it keeps every one of them and adds about 40% more", () => {
    const at10 = compileRuleset({ version: 1, journeys: [journey("hero", { traffic: 0.1 })] });
    const first = visitAll(
      at10,
      ids.map((id) => newVisitorState(id, T0)),
      T0,
    );
    const in10 = new Set(ids.filter((_, i) => first[i].state.journeys.hero));
    expectAbout(in10.size, N, 0.1, "traffic 0.1");
    // Exactly those who entered were shown the banner and measured.
    first.forEach((v, i) => {
      expect(v.decision.actions.length).toBe(in10.has(ids[i]) ? 1 : 0);
      expect(v.stats.some((f) => f.kind === "enroll" && f.journey === "hero")).toBe(in10.has(ids[i]));
    });

    const at50 = compileRuleset({ version: 2, journeys: [journey("hero", { traffic: 0.5 })] });
    const second = visitAll(
      at50,
      first.map((v) => v.state),
      T0 + 60_000,
    );
    const in50 = new Set(ids.filter((_, i) => second[i].state.journeys.hero));
    for (const id of in10) expect(in50.has(id), `${id} stays in`).toBe(true);
    for (const v of second)
      if (v.state.journeys.hero)
        expect(v.state.journeys.hero.enteredAt, "nobody re-entered").toBeLessThanOrEqual(T0 + 60_000);
    expect(second.filter((v, i) => in10.has(ids[i]) && v.state.journeys.hero.enteredAt !== T0)).toEqual([]);
    expectAbout(in50.size, N, 0.5, "traffic 0.5");

    // Lowered again to 0.1: everyone already in stays in; nobody new enters.
    const back = compileRuleset({ version: 3, journeys: [journey("hero", { traffic: 0.1 })] });
    const third = visitAll(
      back,
      [...second.map((v) => v.state), ...ids.map((id) => newVisitorState(`${id}-new`, T0))],
      T0 + 120_000,
    );
    expect(third.slice(0, N).filter((v) => v.state.journeys.hero).length).toBe(in50.size);
    expect(third.slice(0, N).every((v) => (v.state.journeys.hero ? v.decision.actions.length === 1 : true))).toBe(true);
    expectAbout(third.slice(N).filter((v) => v.state.journeys.hero).length, N, 0.1, "new visitors at 0.1 again");
  });
});

describe("exclusion group over 2,000 visitors", () => {
  it("no visitor is in two journeys of one group, and each journey gets about its share", () => {
    const rules = compileRuleset({
      version: 1,
      journeys: [
        journey("hero-a", { group: "hero" }),
        journey("hero-b", { group: "hero" }),
        journey("hero-c", { group: "hero", traffic: 0.5 }),
        journey("other"),
      ],
    });
    let states = ids.map((id) => newVisitorState(id, T0));
    // Several pages each, so a second visit could not slip a visitor into another journey of the group.
    for (let k = 0; k < 3; k++) states = visitAll(rules, states, T0 + k * 60_000).map((v) => v.state);
    const count = { "hero-a": 0, "hero-b": 0, "hero-c": 0, none: 0 };
    for (const s of states) {
      const inGroup = (["hero-a", "hero-b", "hero-c"] as const).filter((j) => s.journeys[j]);
      expect(inGroup.length, `${s.visitorId} in ${inGroup.join(", ")}`).toBeLessThanOrEqual(1);
      count[inGroup[0] ?? "none"]++;
      expect(s.journeys.other, "journeys outside the group are not affected").toBeDefined();
    }
    expectAbout(count["hero-a"], N, 1 / 3, "hero-a");
    expectAbout(count["hero-b"], N, 1 / 3, "hero-b");
    // hero-c's traffic applies within its third.
    expectAbout(count["hero-c"], N, 1 / 6, "hero-c");
    expectAbout(count.none, N, 1 / 6, "in no journey of the group");
  });

  it("a journey joining the group later never moves visitors already enrolled", () => {
    const two = compileRuleset({
      version: 1,
      journeys: [journey("hero-a", { group: "hero" }), journey("hero-b", { group: "hero" })],
    });
    const before = visitAll(
      two,
      ids.map((id) => newVisitorState(id, T0)),
      T0,
    ).map((v) => v.state);
    const three = compileRuleset({
      version: 2,
      journeys: [
        journey("hero-a", { group: "hero" }),
        journey("hero-b", { group: "hero" }),
        journey("hero-0", { group: "hero" }),
      ],
    });
    const after = visitAll(three, before, T0 + 60_000).map((v) => v.state);
    after.forEach((s, i) => {
      expect(Object.keys(s.journeys).sort(), s.visitorId).toEqual(Object.keys(before[i].journeys).sort());
    });
  });
});

describe("global holdout over 2,000 visitors", () => {
  it("about the share is held out: no journey, no action, enrolled as the program's control", () => {
    const rules = compileRuleset({ version: 1, journeys: [journey("hero"), journey("hero-2", { group: "g" })] });
    const visits = visitAll(
      rules,
      ids.map((id) => newVisitorState(id, T0)),
      T0,
      0.1,
    );
    const held = visits.filter((v) => v.state.program?.branch === null);
    expectAbout(held.length, N, 0.1, "global holdout 0.1");
    for (const v of held) {
      expect(v.decision.actions).toEqual([]);
      expect(Object.keys(v.state.journeys)).toEqual([]);
      expect(v.stats.filter((f) => f.kind === "enroll").map((f) => `${f.journey} ${f.branch}`)).toEqual([
        "__program null",
      ]);
    }
    for (const v of visits.filter((x) => x.state.program?.branch === "personalized"))
      expect(v.decision.actions.length).toBe(2);
    expect(visits.every((v) => v.state.program !== undefined)).toBe(true);
  });
});
