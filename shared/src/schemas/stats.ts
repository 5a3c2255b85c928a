import { z } from "zod";
import { MetricDirection, MetricKind, MetricRole } from "./metric.ts";
import { DeviceClass } from "./condition.ts";
import { SourceClass } from "./source-class.ts";

export { SourceClass };

/**
 * The low-cardinality dimensions of a visitor, taken when they enter a journey and kept with the enrolment, so
 * every later metric fact of that visitor carries the same ones (breakdowns add up).
 */
export const Dims = z.object({
  device: DeviceClass,
  /** ISO 3166-1 alpha-2, upper case; "XX" when unknown. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** "returning" when the visitor had an earlier session before entering the journey. */
  visitor: z.enum(["new", "returning"]),
  source: SourceClass,
});
export type Dims = z.infer<typeof Dims>;

const FactBase = {
  journey: z.string(),
  version: z.number().int().nonnegative(),
  /** Stage the fact belongs to (for transitions: the stage entered; enroll/metric: the stage the visitor is in). */
  stage: z.string(),
  /** Branch, or null for the holdout (control). enroll/metric: the visitor's group at enrolment. */
  branch: z.string().nullable(),
  at: z.number(),
};

/**
 * One countable fact about a journey, produced by the engine and aggregated by the stats store.
 * - entry, exposure, dismissal, conversion, transition: counters (the figures from before metrics).
 * - enroll: a visitor entered the journey for the first time (once per visitor and journey), with their dims.
 * - metric: one visitor's value of a metric changed: `delta` = new - old, `delta2` = new^2 - old^2, so a group's
 *   sum and sum of squares of per-visitor values are sums of deltas.
 */
export const StatsEvent = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["entry", "exposure", "dismissal", "conversion", "transition"]),
    ...FactBase,
    /** Transitions only: the stage left (null when entering the journey). */
    from: z.string().nullable().optional(),
  }),
  z.object({ kind: z.literal("enroll"), ...FactBase, dims: Dims }),
  z.object({
    kind: z.literal("metric"),
    ...FactBase,
    dims: Dims,
    /** The metric's id (see effectiveMetrics: "goal" for journeys measured by their goals). */
    metric: z.string(),
    delta: z.number(),
    delta2: z.number(),
  }),
]);
export type StatsEvent = z.infer<typeof StatsEvent>;
export type CounterFact = Extract<
  StatsEvent,
  { kind: "entry" | "exposure" | "dismissal" | "conversion" | "transition" }
>;
export type EnrollFact = Extract<StatsEvent, { kind: "enroll" }>;
export type MetricFact = Extract<StatsEvent, { kind: "metric" }>;

export const StatsCounts = z.object({
  entries: z.number().int().nonnegative(),
  exposures: z.number().int().nonnegative(),
  dismissals: z.number().int().nonnegative(),
  conversions: z.number().int().nonnegative(),
});
export type StatsCounts = z.infer<typeof StatsCounts>;

/** Ways to break results down: the visitor's dimensions at enrolment. */
export const StatsBreakdownBy = z.enum(["device", "country", "visitor", "source"]);
export type StatsBreakdownBy = z.infer<typeof StatsBreakdownBy>;

/** The interval method: anytime-valid (safe to read every day) by default, or a fixed-horizon interval. */
export const StatsMethod = z.enum(["sequential", "fixed"]);
export type StatsMethod = z.infer<typeof StatsMethod>;

/**
 * What the data says about a metric of a branch against the control: `insufficient_data` below the documented
 * minimums (100 visitors per group; 10 conversions per group for conversion metrics), else `better`/`worse` when the
 * interval excludes no difference after the correction (in the metric's direction), else `inconclusive`.
 */
export const StatsVerdict = z.enum(["better", "worse", "inconclusive", "insufficient_data"]);
export type StatsVerdict = z.infer<typeof StatsVerdict>;

/** A group's metric against the control: difference of means (treatment minus control) with its interval. */
export const StatsComparison = z.object({
  est: z.number(),
  low: z.number(),
  high: z.number(),
  /** Relative difference (est / control mean), when the control mean is not 0. */
  rel: z.number().optional(),
  pValue: z.number().min(0).max(1),
  /** p-value after the Holm correction across every branch x metric of the answer (of the segment, in breakdowns). */
  adjustedPValue: z.number().min(0).max(1),
});
export type StatsComparison = z.infer<typeof StatsComparison>;

/** One group's (branch or "holdout") per-visitor figures of one metric. */
export const StatsMetricGroup = z.object({
  /** Visitors enrolled in the group (each counted once, when they first entered the journey). */
  visitors: z.number().int().nonnegative(),
  /** Sum of the visitors' values, and of their squares (a conversion is 0 or 1 per visitor). */
  sum: z.number(),
  sumSq: z.number(),
  /** Mean per visitor (a conversion rate for conversion metrics); 0 without visitors. */
  mean: z.number(),
  /** Against the control; null for the control itself and when either group is empty. */
  vsControl: StatsComparison.nullable(),
  /** null for the control, and for every group while the sample-ratio check fails (see `srm`). */
  verdict: StatsVerdict.nullable(),
  /**
   * insufficient_data and inconclusive: about how many more visitors per group would detect a change of
   * `neededFor` (absolute: 2 points for conversions, 10% of the control mean otherwise) with 80% power.
   */
  needed: z.number().int().nonnegative().optional(),
  neededFor: z.number().optional(),
});
export type StatsMetricGroup = z.infer<typeof StatsMetricGroup>;

/** One metric of the journey with its figures per group. */
export const StatsMetricResult = z.object({
  id: z.string(),
  name: z.string().optional(),
  kind: MetricKind,
  role: MetricRole,
  direction: MetricDirection,
  window: z.string(),
  groups: z.record(z.string(), StatsMetricGroup),
});
export type StatsMetricResult = z.infer<typeof StatsMetricResult>;

/** Cumulative figures of one group as of the end of a day (for the chart). */
export const StatsDailyGroup = z.object({
  visitors: z.number().int().nonnegative(),
  mean: z.number(),
  /** Interval of the difference against the control as of that day (absent for the control and empty groups). */
  low: z.number().optional(),
  high: z.number().optional(),
});

/** Sample-ratio check: enrolments per group against the split the journey configures. */
export const StatsSrm = z.object({
  /** Chi-squared test p-value; null when not applicable or without enough groups/visitors. */
  pValue: z.number().min(0).max(1).nullable(),
  /** false when pValue < 0.001: the split is broken and every verdict is withheld. */
  ok: z.boolean(),
  /** false for Thompson-sampling journeys (the split moves on purpose) and when the definition is unknown. */
  applicable: z.boolean(),
  observed: z.record(z.string(), z.number().int().nonnegative()),
  /** Expected shares (sum 1), from each version's branch weights and holdout share, weighted by its enrolments. */
  expected: z.record(z.string(), z.number()),
  chi2: z.number().optional(),
  /** Why the check does not apply, or what it found, in plain words. */
  note: z.string().optional(),
});
export type StatsSrm = z.infer<typeof StatsSrm>;

/** GET /__waymark/api/stats?journey=ID[&from=YYYY-MM-DD&to=YYYY-MM-DD]: per-stage and per-branch figures. */
export const StatsResponse = z.object({
  journey: z.string(),
  from: z.string(),
  to: z.string(),
  /** Per stage: counts, and how many visitors are in it now (entered minus left). */
  stages: z.record(z.string(), StatsCounts.extend({ current: z.number().int() })),
  /** Per branch, plus "holdout" for the control group. */
  branches: z.record(
    z.string(),
    StatsCounts.extend({
      /** Visitors assigned (journey entries) in this branch. */
      visitors: z.number().int().nonnegative(),
      conversionRate: z.number(),
      /**
       * Absolute difference in conversion rate against the holdout, with the 95% interval of `method`: from the
       * primary conversion metric (per visitor) when there is one, else from these counters (conversions capped
       * at one per visitor). Never of zero width.
       */
      uplift: z.object({ diff: z.number(), low: z.number(), high: z.number() }).nullable(),
    }),
  ),
  transitions: z.array(z.object({ from: z.string().nullable(), to: z.string(), count: z.number().int() })),
  daily: z.array(StatsCounts.extend({ day: z.string() })),
  /** "holdout" when the journey has a holdout share above 0, else its first branch. */
  control: z.string(),
  method: StatsMethod,
  alpha: z.literal(0.05),
  correction: z.literal("holm"),
  /** thompson: the split follows the results, so branch estimates are biased; the holdout still measures increments. */
  allocation: z.enum(["fixed", "thompson"]),
  srm: StatsSrm,
  /**
   * Per-visitor results of each effective metric. Cumulative from the journey's first enrolment to the end of `to`
   * (a visitor's value counts from when they entered, so cutting at `from` would count conversions without their
   * visitors); `from` only bounds the daily series.
   */
  metrics: z.array(
    StatsMetricResult.extend({
      daily: z.array(z.object({ day: z.string(), groups: z.record(z.string(), StatsDailyGroup) })),
    }),
  ),
  /** With ?by=: the metrics per segment value (country: the top 10 by visitors, then "other"). */
  breakdown: z
    .object({
      by: StatsBreakdownBy,
      segments: z.array(z.object({ value: z.string(), metrics: z.array(StatsMetricResult) })),
    })
    .optional(),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
