import { effectiveMetrics, Journey } from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { describe, expect, it } from "vitest";
import { editorFields, formCanShow } from "../src/lib/editor-fields.ts";
import { metricFieldNames, newMetric } from "../src/lib/metric-fields.ts";
import { placeIssues } from "../src/lib/place-issues.ts";
import cases from "./cases/metric-placement.json";

const base = SEED_JOURNEYS.find((j) => j.id === "abandoned-cart")!;

/** The journey's issues as the editor places them: the real shared schema, the real field list. */
function placed(draft: unknown) {
  const r = Journey.safeParse(draft);
  const issues = r.success
    ? []
    : r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
  return placeIssues(issues, editorFields(draft));
}

describe("metrics editor: schema errors land at the metric field they concern", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const draft = { ...base, metrics: c.metrics };
    const got = placed(draft);
    for (const [key, fragment] of Object.entries(c.expect)) {
      expect([...got.keys()], `issue keys for ${key}`).toContain(key);
      expect(got.get(key)!.join(" | ")).toContain(fragment);
    }
    const fields = editorFields(draft);
    for (const key of got.keys()) expect(key === "" || fields.has(key)).toBe(true);
  });

  it("a journey with a revenue metric and a guardrail is valid and shows every field of both", () => {
    const metrics = [
      { id: "buy", kind: "conversion", event: "purchase" },
      { id: "revenue", kind: "revenue", event: "purchase", window: "7d" },
      { id: "dismissals", kind: "count", event: "dismiss", role: "guardrail", direction: "decrease" },
    ];
    const draft = { ...base, metrics };
    expect(placed(draft).size).toBe(0);
    expect(formCanShow(draft)).toBe(true);
    const fields = editorFields(draft);
    for (const k of ["metrics", "metrics.1.field", "metrics.1.window", "metrics.2.role", "metrics.2.direction"])
      expect(fields.has(k), k).toBe(true);
    expect(fields.has("metrics.1.url")).toBe(false);
    expect(fields.has("metrics.0.field")).toBe(false);
  });

  it.each([
    [{ kind: "conversion" }, ["id", "name", "kind", "event", "url", "window", "role", "direction"]],
    [{ kind: "count" }, ["id", "name", "kind", "event", "url", "window", "role", "direction"]],
    [{ kind: "revenue" }, ["id", "name", "kind", "event", "field", "window", "role", "direction"]],
    [{ kind: "revenue", url: "/x" }, ["id", "name", "kind", "event", "url", "field", "window", "role", "direction"]],
    [{ kind: "count", field: "v" }, ["id", "name", "kind", "event", "url", "field", "window", "role", "direction"]],
    [null, ["id", "name", "kind", "event", "url", "window", "role", "direction"]],
  ])("a metric %j shows %j", (m, names) => expect(metricFieldNames(m)).toEqual(names));

  it("a new metric is valid as it is, with an id not taken yet; the first one becomes primary", () => {
    const first = newMetric([]);
    const second = newMetric([first, { id: "metric-3" }]);
    expect([first.id, second.id]).toEqual(["metric-1", "metric-4"]);
    const draft = { ...base, metrics: [first, second] };
    expect(placed(draft).size).toBe(0);
    expect(effectiveMetrics(Journey.parse(draft)).map((m) => m.role)).toEqual(["primary", "secondary"]);
  });

  it("metrics that are not a list of objects send the editor to the JSON view", () => {
    expect(formCanShow({ ...base, metrics: "revenue" })).toBe(false);
    expect(formCanShow({ ...base, metrics: ["revenue"] })).toBe(false);
  });
});
