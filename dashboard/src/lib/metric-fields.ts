import type { FieldSpec } from "./field-spec.ts";

type Obj = Record<string, unknown>;

/**
 * The metrics editor's fields, as a table: the component draws its inputs from it and the issue placement
 * (editorFieldOrder) lists the same keys, so every schema message about a metric lands at an input that exists.
 */
export const METRIC_FIELDS: Record<string, FieldSpec> = {
  id: { name: "id", label: "Metric id", kind: "text", required: true, placeholder: "revenue" },
  name: { name: "name", label: "Display name", kind: "text" },
  kind: { name: "kind", label: "Kind", kind: "select", options: ["conversion", "revenue", "count"] },
  event: {
    name: "event",
    label: "Event(s)",
    kind: "oneOrList",
    placeholder: "purchase",
    hint: "the event type(s) that count; several: comma-separated",
  },
  url: {
    name: "url",
    label: "Or a page view of",
    kind: "text",
    placeholder: "/thank-you*",
    hint: "a path glob: a view of a matching page counts (instead of an event)",
  },
  field: {
    name: "field",
    label: "Amount field",
    kind: "text",
    placeholder: "value",
    hint: "the number in the event's data that is summed",
  },
  window: {
    name: "window",
    label: "Counts for",
    kind: "text",
    placeholder: "30d",
    hint: "after the visitor entered the journey",
  },
  role: { name: "role", label: "Role", kind: "select", options: ["primary", "secondary", "guardrail"] },
  direction: { name: "direction", label: "Better when it", kind: "select", options: ["increase", "decrease"] },
};

/**
 * The fields a metric shows: a revenue metric sums an event field (no page-view glob); "field" is for revenue only.
 * A field that should not be there but holds a value stays visible, so the schema's message about it has a place.
 */
export function metricFieldNames(metric: unknown): (keyof typeof METRIC_FIELDS)[] {
  const m = metric && typeof metric === "object" && !Array.isArray(metric) ? (metric as Obj) : {};
  const revenue = m.kind === "revenue";
  const out: (keyof typeof METRIC_FIELDS)[] = ["id", "name", "kind", "event"];
  if (!revenue || m.url !== undefined) out.push("url");
  if (revenue || m.field !== undefined) out.push("field");
  out.push("window", "role", "direction");
  return out;
}

/** A new metric's starting point: valid as it is (a conversion on purchase), with an id not taken yet. */
export function newMetric(taken: readonly unknown[]): Obj {
  const ids = new Set(taken.map((m) => (m as Obj | null)?.id));
  let n = taken.length + 1;
  while (ids.has(`metric-${n}`)) n++;
  return { id: `metric-${n}`, kind: "conversion", event: "purchase" };
}
