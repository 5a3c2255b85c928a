import { adjustedProportion, flooredVariance, halfWidth, type CompareOptions } from "./compare-means.ts";
import { DEFAULT_PLANNED_N } from "./confidence-sequence.ts";
import { meanOf, type Moments } from "./moments.ts";
import { normalQuantile } from "./normal.ts";

export interface NeededOptions extends CompareOptions {
  /** Probability of detecting the effect; default 0.8. */
  power?: number;
}

/**
 * Visitors per branch (in total, not more) at which a true difference of `absoluteEffect` from the control would
 * be detected with the given power (default 80%), for "~N more visitors per branch for a 2-point change".
 * The treatment is assumed to have the control's variance (binary: the variance of p + effect, or p - effect when
 * that passes 100%), with p the adjusted control proportion (x + 1) / (n + 2).
 * `fixed`: the textbook fixed-horizon formula n = (z(1 - alpha/2) + z(power))² (vC + vT) / effect².
 * `sequential` (default): the smallest n at which effect / se(n) - k(2n) >= z(power), k being the confidence
 * sequence's half-width in standard errors at 2n visitors: the same read at the end, with the sequence's wider
 * interval. NaN when the effect is not a positive number or cannot happen (a rate over 100% and under 0%).
 */
export function visitorsNeeded(control: Moments, absoluteEffect: number, opts: NeededOptions = {}): number {
  const { method = "sequential", alpha = 0.05, binary = false, plannedN = DEFAULT_PLANNED_N, power = 0.8 } = opts;
  const effect = Math.abs(absoluteEffect);
  if (!(effect > 0) || !Number.isFinite(effect)) return NaN;
  let unitVariance: number; // vC + vT for one visitor per group
  if (binary) {
    const p = Math.min(1, Math.max(0, control.n > 0 ? adjustedProportion(control).p : 0.5));
    const q = p + effect <= 1 ? p + effect : p - effect;
    if (q < 0) return NaN;
    unitVariance = p * (1 - p) + q * (1 - q);
  } else {
    if (control.n < 2) return NaN;
    unitVariance = 2 * flooredVariance(control);
  }
  const zPower = normalQuantile(power);
  if (method === "fixed") {
    const z = normalQuantile(1 - alpha / 2) + zPower;
    return Math.ceil((z * z * unitVariance) / (effect * effect));
  }
  const margin = (n: number) => {
    const se = Math.sqrt(unitVariance / n);
    return effect / se - halfWidth(se, 2 * n, "sequential", alpha, plannedN) / se - zPower;
  };
  let lo = 1;
  let hi = 2;
  while (margin(hi) < 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e15) return NaN;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (margin(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}
