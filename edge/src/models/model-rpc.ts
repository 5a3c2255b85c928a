import { z } from "zod";

/** A labelled example as the visitor object sends it to the decision point's model object. */
export const LabelledExample = z.object({
  /** Stable across retries ("<visitor>:<model>:<shown at>"): the model takes each id in once. */
  id: z.string().min(1).max(300),
  offer: z.string().min(1).max(64),
  idx: z.array(z.number().int().min(0)).max(64),
  val: z.array(z.number().finite()).max(64),
  label: z.union([z.literal(0), z.literal(1)]),
  segment: z.object({ device: z.string().max(64), source: z.string().max(64), interest: z.string().max(64) }),
  at: z.number(),
});
export type LabelledExample = z.infer<typeof LabelledExample>;

/** One segment's figures for one offer (dashboard): learned from, converted, and the model's mean propensity. */
export interface SegmentFigures {
  dim: "device" | "source" | "interest";
  value: string;
  exposures: number;
  conversions: number;
  /** Mean of the model's propensity for these examples, as it stood when each batch was learned. */
  propensity: number;
}

/** What the dashboard shows of a decision point's model. */
export interface ModelReport {
  key: string;
  version: number;
  pending: number;
  offers: {
    id: string;
    exposures: number;
    conversions: number;
    /** The offer's propensity for a visitor with no other feature (the bias alone): its base rate. */
    base: number;
    segments: SegmentFigures[];
  }[];
}
