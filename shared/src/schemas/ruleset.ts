import { z } from "zod";
import { Audience, AUDIENCE_LIMITS } from "./audience.ts";
import { Journey } from "./journey.ts";

export const RULESET_LIMITS = { maxJourneys: 100 } as const;

/** An immutable, numbered, published set of journeys (and the saved audiences they use). Version 0 is the empty ruleset. */
export const Ruleset = z.object({
  version: z.number().int().nonnegative(),
  publishedAt: z.number(),
  publishedBy: z.string().max(200).optional(),
  note: z.string().max(2_000).optional(),
  journeys: z.array(Journey).max(RULESET_LIMITS.maxJourneys),
  /** Saved audiences the journeys' conditions refer to (issue 16); absent in versions published before them. */
  audiences: z.array(Audience).max(AUDIENCE_LIMITS.maxAudiences).default([]),
});
export type Ruleset = z.infer<typeof Ruleset>;
