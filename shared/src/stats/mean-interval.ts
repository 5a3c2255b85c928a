import { adjustedProportion, flooredVariance, halfWidth, type CompareOptions } from "./compare-means.ts";
import { DEFAULT_PLANNED_N } from "./confidence-sequence.ts";
import { meanOf, type Moments } from "./moments.ts";

/**
 * The interval of one group's mean (the cumulative chart), by the same method as the comparisons: for binary metrics
 * the adjusted proportion (x + 1) / (n + 2) as in compareMeans, clipped to [0, 1]; else the mean with the floored
 * variance (Student's t with n - 1 degrees of freedom for the fixed method). The sequence is tuned for half of `plannedN` (one group of the two). Null when the group is empty (or
 * has fewer than 2 visitors for a non-binary metric).
 */
export function meanInterval(m: Moments, opts: CompareOptions = {}): { low: number; high: number } | null {
  const { method = "sequential", alpha = 0.05, binary = false, plannedN = DEFAULT_PLANNED_N } = opts;
  if (!(m.n > 0) || (!binary && m.n < 2)) return null;
  if (binary) {
    const { p, variance } = adjustedProportion(m);
    const half = halfWidth(Math.sqrt(variance), m.n, method, alpha, plannedN / 2);
    return { low: Math.max(0, p - half), high: Math.min(1, p + half) };
  }
  const half = halfWidth(Math.sqrt(flooredVariance(m) / m.n), m.n, method, alpha, plannedN / 2, m.n - 1);
  const mean = meanOf(m);
  return { low: mean - half, high: mean + half };
}
