import type { Posterior } from "./posterior.ts";

/** One offer's learned model and what it learned from. */
export interface OfferModelState extends Posterior {
  /** Labelled examples learned from (exposures whose attribution window closed or converted). */
  exposures: number;
  /** Of those, how many reached the objective. */
  conversions: number;
}

/**
 * What a decision point's model object hands to the deciders (cached per isolate with a short TTL): one posterior
 * per offer id. Offers absent here are decided with the prior (explored).
 */
export interface ModelSnapshot {
  /** The decision point, "<journey>/<action id>" (decisionPointKey). */
  key: string;
  /** Batches applied so far (0: nothing learned yet). */
  version: number;
  offers: Record<string, OfferModelState>;
}

/** The name of a decision point's model: "<journey>/<action id>". */
export function decisionPointKey(journey: string, actionId: string): string {
  return `${journey}/${actionId}`;
}
