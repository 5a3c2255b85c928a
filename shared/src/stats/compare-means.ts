import { DEFAULT_PLANNED_N, sequentialHalfWidth, sequentialPValue } from "./confidence-sequence.ts";
import { meanOf, varianceOf, type Moments } from "./moments.ts";
import { normalQuantile, normalSf } from "./normal.ts";
import { studentTQuantile, studentTSf, welchDf } from "./student-t.ts";

/** `sequential`: an anytime-valid confidence sequence (safe to read daily); `fixed`: a fixed-horizon interval. */
export type Method = "sequential" | "fixed";

export interface CompareOptions {
  method?: Method;
  /** Two-sided level; 0.05 gives 95% intervals. */
  alpha?: number;
  /** Per-visitor values are 0/1 (conversion metrics): proportions, with Agresti-Caffo pseudo-counts. */
  binary?: boolean;
  /** Sequential only: visitors of the two groups together at which the interval is tightest. */
  plannedN?: number;
}

/** Treatment minus control, with its interval and p-value. */
export interface Comparison {
  /** Observed difference of the means (of the proportions when binary). */
  est: number;
  low: number;
  high: number;
  /** Standard error the interval is built from (of the adjusted proportions when binary). */
  se: number;
  /** Two-sided; always-valid for the sequential method. Below alpha exactly when [low, high] excludes 0. */
  pValue: number;
  /** Relative difference est / control mean, with its delta-method interval; absent when the control mean is 0. */
  rel?: number;
  relLow?: number;
  relHigh?: number;
}

/**
 * Treatment minus control on per-visitor values, by the method asked (default sequential, 95%).
 *
 * Binary metrics use the Agresti-Caffo adjusted Wald interval: one success and one failure are added to each group
 * before the standard error and the centre of the interval are computed, so it is never of zero width (1 of 1
 * against 0 of 1, or 0% against 0%, still gives a wide interval) and it covers close to 95% at small counts;
 * bounds are clipped to [-1, 1]. `est` stays the observed difference. The sequential method uses the same centre
 * and standard error inside the confidence sequence.
 *
 * Other metrics: the difference of means with the Welch (unequal variances) standard error; the fixed method is
 * Welch's t interval and test (Student's t with Welch-Satterthwaite degrees of freedom, as scipy's
 * `ttest_ind(equal_var=False)`), the sequential one the asymptotic sequence on the same standard error. A group whose
 * visitors all have the same value has no observed spread, not a known zero spread: its variance is taken as if one
 * visitor in n + 1 differed by max(1, |mean|), so the interval keeps a width. Null when a group has fewer than 2
 * visitors.
 */
export function compareMeans(treatment: Moments, control: Moments, opts: CompareOptions = {}): Comparison | null {
  const { method = "sequential", alpha = 0.05, binary = false, plannedN = DEFAULT_PLANNED_N } = opts;
  const est = meanOf(treatment) - meanOf(control);
  let centre: number;
  let se: number;
  let df: number | undefined; // degrees of freedom of Welch's t (fixed method, non-binary metrics)
  if (binary) {
    const t = adjustedProportion(treatment);
    const c = adjustedProportion(control);
    centre = t.p - c.p;
    se = Math.sqrt(t.variance + c.variance);
  } else {
    if (treatment.n < 2 || control.n < 2) return null;
    centre = est;
    const vt = flooredVariance(treatment) / treatment.n;
    const vc = flooredVariance(control) / control.n;
    se = Math.sqrt(vt + vc);
    if (method === "fixed") df = welchDf(vt, treatment.n, vc, control.n);
  }
  const n = treatment.n + control.n;
  const half = halfWidth(se, Math.max(n, 1), method, alpha, plannedN, df);
  const pValue =
    method === "sequential"
      ? sequentialPValue(centre, se, Math.max(n, 1), plannedN, alpha)
      : 2 * (df === undefined ? normalSf(Math.abs(centre) / se) : studentTSf(Math.abs(centre) / se, df));
  let low = centre - half;
  let high = centre + half;
  if (binary) {
    low = Math.max(-1, low);
    high = Math.min(1, high);
  }
  const out: Comparison = { est, low, high, se, pValue };
  const rel = relative(treatment, control, binary, method, alpha, plannedN, df);
  return rel ? { ...out, ...rel } : out;
}

/**
 * The interval's half-width for a standard error: the confidence sequence's at n observations, or for the fixed
 * method z * se (t * se when the degrees of freedom of a t interval are given).
 */
export function halfWidth(se: number, n: number, method: Method, alpha: number, plannedN: number, df?: number): number {
  if (method === "sequential") return sequentialHalfWidth(se, n, alpha, plannedN);
  return (df === undefined ? normalQuantile(1 - alpha / 2) : studentTQuantile(1 - alpha / 2, df)) * se;
}

/** Agresti-Caffo: (x + 1) / (n + 2), and the variance of that proportion over n + 2 trials. */
export function adjustedProportion(m: Moments): { p: number; variance: number } {
  // Clamped so that a stray count (more conversions than visitors) cannot make the variance negative.
  const x = Math.min(Math.max(m.sum, 0), m.n);
  const p = (x + 1) / (m.n + 2);
  return { p, variance: (p * (1 - p)) / (m.n + 2) };
}

/** The sample variance, or when nobody differed, the variance if one visitor in n + 1 had differed. */
export function flooredVariance(m: Moments): number {
  const v = varianceOf(m);
  if (v > 0) return v;
  const d = Math.max(1, Math.abs(meanOf(m)));
  return (d * d) / (m.n + 1);
}

/**
 * The relative difference (mT - mC) / mC with its delta-method standard error, as GrowthBook computes it:
 * var = vT / (nT mC²) + vC mT² / (nC mC⁴), with the same quantile as the absolute interval (GrowthBook uses the
 * Welch degrees of freedom of the means for it too). For binary metrics the variances are those of the adjusted
 * proportions.
 */
function relative(
  treatment: Moments,
  control: Moments,
  binary: boolean,
  method: Method,
  alpha: number,
  plannedN: number,
  df: number | undefined,
): Pick<Comparison, "rel" | "relLow" | "relHigh"> | null {
  const mt = meanOf(treatment);
  const mc = meanOf(control);
  if (!(control.n > 0) || mc === 0) return null;
  let vt: number; // variance of the treatment mean
  let vc: number;
  if (binary) {
    vt = adjustedProportion(treatment).variance;
    vc = adjustedProportion(control).variance;
  } else {
    if (treatment.n < 2 || control.n < 2) return null;
    vt = flooredVariance(treatment) / treatment.n;
    vc = flooredVariance(control) / control.n;
  }
  const rel = (mt - mc) / mc;
  const se = Math.sqrt(vt / (mc * mc) + (vc * mt * mt) / (mc * mc * mc * mc));
  const half = halfWidth(se, Math.max(treatment.n + control.n, 1), method, alpha, plannedN, df);
  return { rel, relLow: rel - half, relHigh: rel + half };
}
