import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { optOutFacts } from "../src/engine/metric-opt-out.ts";
import { compiledMetrics, metricIncrement } from "../src/engine/metric-values.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { pageView } from "../src/engine/visit.ts";
import { MAX_REVENUE_PER_EVENT } from "../src/schemas/metric.ts";
import table from "./cases/metric-values.json";
import { rows } from "./support/cases.ts";
import { ctxFrom } from "./support/fixtures.ts";
import { runScenario, type Scenario } from "./support/run-scenario.ts";

describe("metric values per visitor (issue 14)", () => {
  it.each(rows<Scenario, Record<string, unknown>[]>(table))("$name", ({ input, expected }) =>
    runScenario(input, expected),
  );
});

describe("metricIncrement: revenue from untrusted numbers", () => {
  const rules = compileRuleset({
    version: 1,
    journeys: [
      {
        id: "j",
        name: "J",
        stages: [{ id: "s" }],
        start: "s",
        metrics: [{ id: "rev", kind: "revenue", event: "purchase" }],
      },
    ],
  });
  const [rev] = compiledMetrics(rules.byId.get("j")!);
  const inc = (value: unknown) => metricIncrement(rev, { type: "purchase", data: { value } as never }, 0, null);

  it.each([
    ["NaN", Number.NaN, 0],
    ["Infinity", Number.POSITIVE_INFINITY, 0],
    ["-Infinity", Number.NEGATIVE_INFINITY, 0],
    ["a numeric string", "12", 0],
    ["null", null, 0],
    ["a negative amount", -1, 0],
    ["-0", -0, 0],
    ["1e15", 1e15, MAX_REVENUE_PER_EVENT],
    ["12.34", 12.34, 12.34],
  ])("%s adds %s -> %s", (_label, value, want) => {
    expect(Object.is(inc(value), want) || inc(value) === want).toBe(true);
  });
});

describe("optOutFacts: an opt-out as a guardrail, counted just before the erasure", () => {
  const journeys = ["a", "b"].map((id) => ({
    id,
    name: id,
    stages: [{ id: "s" }],
    start: "s",
    metrics: [
      { id: "bought", kind: "conversion", event: "purchase" },
      { id: "opt-outs", kind: "conversion", event: "opt_out", role: "guardrail", direction: "decrease" },
    ],
  }));
  const T = Date.UTC(2026, 0, 5);

  it("gives the opt_out metric facts of the journeys the visitor is enrolled in, and nothing else", () => {
    const before = compileRuleset({ version: 1, journeys: journeys.slice(0, 1) });
    const seen = pageView(newVisitorState("v1", T), before, ctxFrom({ path: "/" }), { now: T }).state;
    // Journey b went live after the visitor's last visit: the opt-out does not enrol them in it.
    const rules = compileRuleset({ version: 2, journeys });
    const facts = optOutFacts(seen, rules, T + 60_000);
    expect(facts).toEqual([
      {
        kind: "metric",
        journey: "a",
        version: 2,
        stage: "s",
        branch: "default",
        dims: { device: "desktop", country: "FR", visitor: "new", source: "direct" },
        at: T + 60_000,
        metric: "opt-outs",
        delta: 1,
        delta2: 1,
      },
    ]);
  });

  it("gives nothing for a visitor enrolled nowhere, or journeys without an opt_out metric", () => {
    const rules = compileRuleset({ version: 1, journeys });
    expect(optOutFacts(newVisitorState("v2", T), rules, T)).toEqual([]);
    const plain = compileRuleset({ version: 1, journeys: [{ ...journeys[0], metrics: [journeys[0].metrics[0]] }] });
    const seen = pageView(newVisitorState("v3", T), plain, ctxFrom({ path: "/" }), { now: T }).state;
    expect(optOutFacts(seen, plain, T)).toEqual([]);
  });
});
