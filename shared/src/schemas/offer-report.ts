import { z } from "zod";

/** One segment's figures for one offer: learned from, converted, and the model's mean learned propensity. */
export const OfferSegmentFigures = z.object({
  dim: z.enum(["device", "source", "interest"]),
  value: z.string(),
  exposures: z.number(),
  conversions: z.number(),
  propensity: z.number(),
});
export type OfferSegmentFigures = z.infer<typeof OfferSegmentFigures>;

/** What GET /api/offers answers: per offer decision point of a live journey, what its model learned (issue 18). */
export const OffersResponse = z.object({
  journey: z.string(),
  points: z.array(
    z.object({
      action: z.string(),
      objective: z.string(),
      key: z.string(),
      /** Batches learned (0: the prior). */
      version: z.number(),
      /** Labelled examples waiting for the next batch. */
      pending: z.number(),
      offers: z.array(
        z.object({
          id: z.string(),
          exposures: z.number(),
          conversions: z.number(),
          /** Propensity with no other feature (the bias alone). */
          base: z.number(),
          segments: z.array(OfferSegmentFigures),
        }),
      ),
      candidates: z.array(
        z.object({ id: z.string(), name: z.string().optional(), value: z.number(), weight: z.number() }),
      ),
    }),
  ),
});
export type OffersResponse = z.infer<typeof OffersResponse>;
