// The asymptotic confidence sequence of Waudby-Smith, Arnold, Wu, Howard and Ramdas, "Time-uniform central limit
// theory and asymptotic confidence sequences" (arXiv 2103.06476v7), as GrowthBook computes it in gbstats
// (packages/stats/gbstats/frequentist/tests.py, `SequentialTwoSidedTTest`, `sequential_rho`,
// `sequential_interval_halfwidth`). An interval from it holds at every sample size at once, so it may be read every
// day (peeking) without inflating the false positive rate beyond alpha.

/**
 * The sample size (both groups together) at which the sequence is tightest when no plan is given: GrowthBook's
 * default tuning parameter. Before it the interval is wider than a fixed-horizon one by a larger factor, after it
 * the factor grows slowly: for alpha 0.05 the sequence is 2.6x as wide as the fixed-horizon interval at 200 visitors,
 * 1.55x at 5,000, 1.6x at 20,000, 1.7x at 100,000.
 */
export const DEFAULT_PLANNED_N = 5000;

/** The mixing parameter rho that makes the sequence tightest at `plannedN` observations (eq. 161, two-sided). */
export function sequentialRho(alpha: number, plannedN: number): number {
  const la = -2 * Math.log(alpha);
  return Math.sqrt((la + Math.log(la + 1)) / plannedN);
}

/**
 * The half-width of the two-sided sequence for an estimate with standard error `se` after `n` observations
 * (eq. 9: sqrt(s²) * sqrt(2 (n rho² + 1) ln(sqrt(n rho² + 1) / alpha) / (n rho)²) with s² = se² n, the
 * per-observation variance; written with se so that n = 0 is an infinite width rather than 0 * Infinity).
 */
export function sequentialHalfWidth(se: number, n: number, alpha: number, plannedN: number): number {
  const rho = sequentialRho(alpha, plannedN);
  const tr2p1 = n * rho * rho + 1;
  return se * Math.sqrt((2 * tr2p1 * Math.log(Math.sqrt(tr2p1) / alpha)) / (n * rho * rho));
}

/**
 * The always-valid p-value: the smallest alpha at which the sequence (tuned for `plannedN`) excludes 0, i.e.
 * 1 / the mixture e-value (eq. 155): min(1, sqrt(n rho² + 1) * exp(-rho² n z² / (2 (n rho² + 1)))), z = est / se.
 * rho is tuned for `alpha` (the level of the interval shown beside it), as GrowthBook does, so the p-value is below
 * alpha exactly when that interval excludes 0.
 */
export function sequentialPValue(est: number, se: number, n: number, plannedN: number, alpha = 0.05): number {
  if (!(se > 0) || !(n > 0)) return 1;
  const rho = sequentialRho(alpha, plannedN);
  const tr2p1 = n * rho * rho + 1;
  const z2 = (est * est) / (se * se);
  // exp of a negative number only: no overflow for huge z.
  return Math.min(1, Math.sqrt(tr2p1) * Math.exp((-rho * rho * n * z2) / (2 * tr2p1)));
}
