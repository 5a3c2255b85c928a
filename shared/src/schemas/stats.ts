import { z } from "zod";

/** One countable fact about a journey, produced by the engine and aggregated by the stats store. */
export const StatsEvent = z.object({
  kind: z.enum(["entry", "exposure", "dismissal", "conversion", "transition"]),
  journey: z.string(),
  version: z.number().int().nonnegative(),
  /** Stage the fact belongs to (for transitions: the stage entered). */
  stage: z.string(),
  /** Branch, or null for the holdout (control). */
  branch: z.string().nullable(),
  /** Transitions only: the stage left (null when entering the journey). */
  from: z.string().nullable().optional(),
  at: z.number(),
});
export type StatsEvent = z.infer<typeof StatsEvent>;

export const StatsCounts = z.object({
  entries: z.number().int().nonnegative(),
  exposures: z.number().int().nonnegative(),
  dismissals: z.number().int().nonnegative(),
  conversions: z.number().int().nonnegative(),
});
export type StatsCounts = z.infer<typeof StatsCounts>;

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
      /** Absolute difference in conversion rate against the holdout, with a 95% confidence interval. */
      uplift: z.object({ diff: z.number(), low: z.number(), high: z.number() }).nullable(),
    }),
  ),
  transitions: z.array(z.object({ from: z.string().nullable(), to: z.string(), count: z.number().int() })),
  daily: z.array(StatsCounts.extend({ day: z.string() })),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
