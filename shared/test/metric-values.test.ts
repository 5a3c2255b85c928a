import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { compiledMetrics, metricIncrement } from "../src/engine/metric-values.ts";
import { MAX_REVENUE_PER_EVENT } from "../src/schemas/metric.ts";
import table from "./cases/metric-values.json";
import { rows } from "./support/cases.ts";
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
