import type { ModelSnapshot, OfferModelState } from "./model-snapshot.ts";
import { priorPosterior, updatePosterior, type Example } from "./posterior.ts";

/** A labelled example of one offer (what the visitor object sends the model object). */
export interface OfferExample extends Example {
  offer: string;
}

/**
 * The model after one batch of labelled examples: each offer's posterior updated with its own examples (one Laplace
 * step per offer and batch), its counts added up, the version bumped. Pure; offers without examples are untouched.
 */
export function learnBatch(model: ModelSnapshot, examples: readonly OfferExample[]): ModelSnapshot {
  if (!examples.length) return model;
  const byOffer = new Map<string, OfferExample[]>();
  for (const ex of examples) {
    const list = byOffer.get(ex.offer);
    if (list) list.push(ex);
    else byOffer.set(ex.offer, [ex]);
  }
  const offers: Record<string, OfferModelState> = { ...model.offers };
  for (const [id, list] of byOffer) {
    const old = offers[id] ?? { ...priorPosterior(), exposures: 0, conversions: 0 };
    const post = updatePosterior(old, list);
    let conversions = 0;
    for (const ex of list) conversions += ex.label;
    offers[id] = {
      m: post.m,
      q: post.q,
      exposures: old.exposures + list.length,
      conversions: old.conversions + conversions,
    };
  }
  return { key: model.key, version: model.version + 1, offers };
}
