import type { FeatureVector } from "./feature-vector.ts";
import { priorPosterior, sigmoid, type Posterior } from "./posterior.ts";

const PRIOR = priorPosterior();
/** Features named in a candidate's explanation. */
const TOP_FEATURES = 3;

/** A feature's pull on an offer's log-odds for this visitor (posterior mean weight x value). */
export interface FeatureContribution {
  feature: string;
  contribution: number;
}

/** How one eligible offer scored: the model's propensity, the Thompson draw, and the score that ranks it. */
export interface OfferScore {
  /** Posterior-mean propensity: the model's best guess that this visitor reaches the objective. */
  propensity: number;
  /** The propensity drawn from the posterior for this decision (Thompson sampling). */
  sampled: number;
  /** sampled x value x weight: the highest wins. */
  score: number;
  /** Log-odds standard deviation for this visitor: how unsure the model still is. */
  uncertainty: number;
}

/**
 * Scores one offer for one visitor by Thompson sampling: the log-odds w.x of a weight vector drawn from the
 * diagonal Gaussian posterior is normal with mean m.x and variance sum_i x_i^2 / q_i, so one normal draw samples it
 * exactly. Without a posterior: the prior (an unseen offer is explored).
 */
export function scoreOffer(
  post: Posterior | undefined,
  x: FeatureVector,
  value: number,
  weight: number,
  random: () => number,
): OfferScore {
  const { m, q } = post ?? PRIOR;
  let mean = 0;
  let variance = 0;
  for (let k = 0; k < x.idx.length; k++) {
    const i = x.idx[k];
    const v = x.val[k];
    mean += m[i] * v;
    variance += (v * v) / q[i];
  }
  const sd = Math.sqrt(variance);
  const sampled = sigmoid(mean + sd * standardNormal(random));
  return { propensity: sigmoid(mean), sampled, score: sampled * value * weight, uncertainty: sd };
}

/** The features that move this offer's log-odds most for this visitor, strongest first (the bias left out). */
export function topFeatures(post: Posterior | undefined, x: FeatureVector, n = TOP_FEATURES): FeatureContribution[] {
  const { m } = post ?? PRIOR;
  const top: FeatureContribution[] = [];
  for (let k = 1; k < x.idx.length; k++) {
    const c = m[x.idx[k]] * x.val[k];
    if (c === 0) continue;
    if (top.length === n && Math.abs(c) <= Math.abs(top[n - 1].contribution)) continue;
    const item = { feature: x.names[k], contribution: Math.round(c * 1000) / 1000 };
    let at = top.length;
    while (at > 0 && Math.abs(top[at - 1].contribution) < Math.abs(c)) at--;
    top.splice(at, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}

/** A standard normal draw (Box-Muller) from an injected uniform source. */
export function standardNormal(random: () => number): number {
  let u = random();
  if (!(u > 0 && u < 1)) u = 0.5;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
