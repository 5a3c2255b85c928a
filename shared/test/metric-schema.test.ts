import { describe, expect, it } from "vitest";
import { sourceClass } from "../src/engine/source-class.ts";
import { Journey } from "../src/schemas/journey.ts";
import { effectiveMetrics } from "../src/schemas/metric.ts";
import { SEED_JOURNEYS } from "../src/seed/seed-journeys.ts";
import sources from "./cases/source-classes.json";
import validation from "./cases/metric-validation.json";
import { rows } from "./support/cases.ts";

const journey = (extra: Record<string, unknown>) => ({
  id: "j",
  name: "J",
  stages: [{ id: "s" }],
  start: "s",
  ...extra,
});

describe("journey.metrics validation: each refusal names its path", () => {
  it.each(rows<Record<string, unknown>, [string, string][]>(validation))("$name", ({ input, expected }) => {
    const r = Journey.safeParse(journey(input));
    const issues = r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message] as const);
    expect(
      issues.map(([p]) => p),
      JSON.stringify(issues),
    ).toEqual(expected.map(([p]) => p));
    expected.forEach(([, message], k) => expect(issues[k][1]).toContain(message));
  });
});

describe("effectiveMetrics", () => {
  it("goals without metrics are one primary conversion metric named goal", () => {
    expect(effectiveMetrics({ goals: ["purchase", "signup"] })).toEqual([
      {
        id: "goal",
        kind: "conversion",
        events: ["purchase", "signup"],
        url: null,
        field: null,
        window: "30d",
        role: "primary",
        direction: "increase",
      },
    ]);
  });

  it("no goals and no metrics: nothing to measure", () => {
    expect(effectiveMetrics({})).toEqual([]);
    expect(effectiveMetrics({ goals: [] })).toEqual([]);
  });

  it("metrics win over goals; the first is primary when none is marked; revenue defaults to the value field", () => {
    const got = effectiveMetrics({
      goals: ["purchase"],
      metrics: [
        { id: "rev", kind: "revenue", event: "purchase" },
        { id: "views", kind: "count", url: "/p/*", window: "7d", direction: "decrease", role: "guardrail" },
      ],
    });
    expect(got.map((m) => [m.id, m.role, m.field, m.url, m.window, m.direction])).toEqual([
      ["rev", "primary", "value", null, "30d", "increase"],
      ["views", "guardrail", null, "/p/*", "7d", "decrease"],
    ]);
  });

  it("a metric marked primary leaves the others secondary", () => {
    const got = effectiveMetrics({
      metrics: [
        { id: "a", kind: "count", event: "a" },
        { id: "b", kind: "count", event: "b", role: "primary" },
      ],
    });
    expect(got.map((m) => m.role)).toEqual(["secondary", "primary"]);
  });
});

describe("sourceClass(referrer, query, host)", () => {
  type In = { referrer: string | null; query: Record<string, string>; host: string };
  it.each(rows<In, string>(sources))("$name", ({ input, expected }) => {
    expect(sourceClass(input.referrer, input.query, input.host)).toBe(expected);
  });
});

describe("the seed abandoned-cart journey is measured as issue 14 asks", () => {
  it("has a primary purchase conversion, revenue on the purchase value and a dismissals guardrail (decrease)", () => {
    const j = Journey.parse(SEED_JOURNEYS.find((s) => s.id === "abandoned-cart"));
    expect(effectiveMetrics(j).map((m) => [m.id, m.kind, m.events.join(","), m.field, m.role, m.direction])).toEqual([
      ["purchase", "conversion", "purchase", null, "primary", "increase"],
      ["revenue", "revenue", "purchase", "value", "secondary", "increase"],
      ["dismissals", "count", "dismiss", null, "guardrail", "decrease"],
    ]);
  });
});
