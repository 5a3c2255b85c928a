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
