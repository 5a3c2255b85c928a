import { z } from "zod";
import { Duration } from "./duration.ts";
import { EventType, Slug } from "./id.ts";

/**
 * What a metric measures per visitor: "conversion" 0 -> 1 at most once, "revenue" the sum of a numeric event field,
 * "count" the number of matching events (or page views).
 */
export const MetricKind = z.enum(["conversion", "revenue", "count"]);
export type MetricKind = z.infer<typeof MetricKind>;

/** The metric the decision rests on, others worth watching, and ones that must not get worse. */
export const MetricRole = z.enum(["primary", "secondary", "guardrail"]);
export type MetricRole = z.infer<typeof MetricRole>;

/** Which way is better: "decrease" for e.g. dismissals and opt-outs. */
export const MetricDirection = z.enum(["increase", "decrease"]);
export type MetricDirection = z.infer<typeof MetricDirection>;

/** Metrics of one journey at most (each costs state per visitor and a stats row per group). */
export const MAX_METRICS = 10;
/** Attribution window when a metric names none. */
export const DEFAULT_METRIC_WINDOW = "30d";
/** Revenue field when a revenue metric names none. */
export const DEFAULT_REVENUE_FIELD = "value";

/**
 * Bounds on revenue. A browser can send any number (the beacon and the public events endpoint take events from
 * anyone posing as the visitor), so one event's amount is clamped to 0..MAX_REVENUE_PER_EVENT and a visitor's total
 * to MAX_METRIC_VALUE; non-numbers and non-finite numbers count as nothing. Events sent by the site's backend (the
 * ingest API) are the trustworthy source of revenue.
 */
export const MAX_REVENUE_PER_EVENT = 1e7;
/** Any metric's per-visitor value stays within 0..MAX_METRIC_VALUE (so squares stay finite and exact enough). */
export const MAX_METRIC_VALUE = 1e9;

/** One measure of a journey's success, counted per visitor from when they enter the journey. */
export const Metric = z
  .object({
    /** Unique within the journey; the stats API and the results page name the metric by it. */
    id: Slug,
    name: z.string().max(200).optional(),
    kind: MetricKind,
    /** The event type(s) that count. Give exactly one of `event` and `url`. */
    event: z.union([EventType, z.array(EventType).min(1).max(20)]).optional(),
    /** Path glob (as in `path` conditions): a page view of a matching path counts. conversion and count only. */
    url: z.string().min(1).max(512).optional(),
    /** revenue only: the numeric field of the event's data that is summed (default "value"). */
    field: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a field name: letters, digits and '_'")
      .optional(),
    /** Only events within this long after the visitor entered the journey count (default "30d"). */
    window: Duration.optional(),
    /** Default: "primary" for the first metric when none is marked, else "secondary". */
    role: MetricRole.optional(),
    /** Which way is better (default "increase"). */
    direction: MetricDirection.optional(),
  })
  .strict();
export type Metric = z.infer<typeof Metric>;

/** A metric with every default applied, as everything that reads metrics sees it (see effectiveMetrics). */
export interface EffectiveMetric {
  id: string;
  name?: string;
  kind: MetricKind;
  /** Event types that count (empty for a url metric). */
  events: string[];
  /** Path glob of page views that count, or null. */
  url: string | null;
  /** revenue: the field summed; null for other kinds. */
  field: string | null;
  window: string;
  role: MetricRole;
  direction: MetricDirection;
}

/** The journey fields effectiveMetrics reads (a parsed Journey, or the raw JSON of one that passed the schema). */
export interface MetricsSource {
  metrics?: Metric[];
  goals?: string[];
}

/**
 * The metrics a journey is measured by: its `metrics` with defaults applied, or, when it names none but has goals,
 * one primary conversion metric "goal" on the goal events (so journeys written before metrics keep a result).
 * @example effectiveMetrics({ goals: ["purchase"] }) // [{ id: "goal", kind: "conversion", events: ["purchase"], role: "primary", ... }]
 */
export function effectiveMetrics(journey: MetricsSource): EffectiveMetric[] {
  const list: Metric[] =
    journey.metrics ??
    (journey.goals?.length ? [{ id: "goal", kind: "conversion", event: journey.goals, role: "primary" }] : []);
  const marked = list.some((m) => m.role === "primary");
  return list.map((m, i) => ({
    id: m.id,
    ...(m.name === undefined ? {} : { name: m.name }),
    kind: m.kind,
    events: m.event === undefined ? [] : Array.isArray(m.event) ? [...m.event] : [m.event],
    url: m.url ?? null,
    field: m.kind === "revenue" ? (m.field ?? DEFAULT_REVENUE_FIELD) : null,
    window: m.window ?? DEFAULT_METRIC_WINDOW,
    role: m.role ?? (!marked && i === 0 ? "primary" : "secondary"),
    direction: m.direction ?? "increase",
  }));
}

type AddIssue = (issue: { path: (string | number)[]; message: string }) => void;

/**
 * The checks across a journey's metrics (called from the Journey schema's superRefine): unique ids, exactly one of
 * event/url, `field` and not `url` for revenue only, at most one primary.
 */
export function checkMetrics(metrics: readonly Metric[] | undefined, addIssue: AddIssue): void {
  if (!metrics) return;
  const ids = new Set<string>();
  let primary = -1;
  metrics.forEach((m, i) => {
    const at = (...p: (string | number)[]) => ["metrics", i, ...p];
    if (ids.has(m.id)) addIssue({ path: at("id"), message: `duplicate metric id "${m.id}"` });
    ids.add(m.id);
    if ((m.event === undefined) === (m.url === undefined))
      addIssue({ path: at("event"), message: 'give exactly one of "event" (event types) or "url" (a path glob)' });
    if (m.kind === "revenue" && m.url !== undefined)
      addIssue({ path: at("url"), message: 'a revenue metric sums an event field: use "event", not "url"' });
    if (m.kind !== "revenue" && m.field !== undefined)
      addIssue({ path: at("field"), message: '"field" is for revenue metrics only' });
    if (m.role === "primary") {
      if (primary >= 0)
        addIssue({ path: at("role"), message: `only one primary metric (metrics[${primary}] is primary already)` });
      else primary = i;
    }
  });
}
