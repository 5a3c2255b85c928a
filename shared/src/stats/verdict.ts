import type { StatsVerdict } from "../schemas/stats.ts";
import type { Moments } from "./moments.ts";

/** The verdict vocabulary of the API and the UI (schema `StatsVerdict`). */
export type Verdict = StatsVerdict;

/** Below this many visitors in the branch or in the control, nothing is called: `insufficient_data`. */
export const MIN_VISITORS = 100;
/**
 * Conversion metrics: `insufficient_data` until at least one of the two groups has this many converted visitors.
 * Not "in each group": a holdout never sees a banner, so it never dismisses one, and a dismissal guardrail (or a
 * branch that breaks conversions to zero) could then never be called.
 */
export const MIN_CONVERSIONS = 10;

export interface VerdictInput {
  treatment: Moments;
  control: Moments;
  /** The branch against the control (null when it could not be computed). */
  comparison: { low: number; high: number; pValue: number } | null;
  /** The p-value after the multiple-comparison correction; the raw one is used when absent. */
  adjustedPValue?: number | null;
  binary?: boolean;
  /** Which way is better for the metric; "decrease" for e.g. dismissals. */
  direction?: "increase" | "decrease";
  alpha?: number;
}

/**
 * The verdict for one branch and metric: `insufficient_data` below the minimums (MIN_VISITORS per group, and
 * MIN_CONVERSIONS in at least one of the two groups for conversion metrics), `better`/`worse` when the (corrected) p-value is below alpha
 * and the interval lies on one side of 0 (flipped for metrics where a decrease is better), else `inconclusive`.
 */
export function verdictOf(input: VerdictInput): Verdict {
  const { treatment, control, comparison, binary = false, direction = "increase", alpha = 0.05 } = input;
  if (treatment.n < MIN_VISITORS || control.n < MIN_VISITORS) return "insufficient_data";
  if (binary && Math.max(treatment.sum, control.sum) < MIN_CONVERSIONS) return "insufficient_data";
  if (!comparison) return "insufficient_data";
  const p = input.adjustedPValue ?? comparison.pValue;
  // The corrected p-value is never below the raw one, so p < alpha implies the interval excludes 0; both are checked
  // so a caller's mismatched pair can never produce a call the interval contradicts.
  if (!(p < alpha) || (comparison.low <= 0 && comparison.high >= 0)) return "inconclusive";
  const up = comparison.low > 0;
  return up === (direction === "increase") ? "better" : "worse";
}
