/** Per-visitor values of one group: how many visitors, the sum of their values and the sum of their squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/** The mean per visitor; 0 for an empty group. */
export function meanOf(m: Moments): number {
  return m.n > 0 ? m.sum / m.n : 0;
}

/**
 * The sample variance (n - 1 denominator) of the per-visitor values; 0 below two visitors. Clamped at 0: with
 * sums of squares in floating point, sumSq - sum²/n can come out a hair below zero when every value is the same.
 */
export function varianceOf(m: Moments): number {
  if (m.n < 2) return 0;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}
