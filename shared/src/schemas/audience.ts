import { z } from "zod";
import { Condition } from "./condition.ts";
import { Slug } from "./id.ts";

export const AUDIENCE_LIMITS = {
  maxAudiences: 100,
  /** An audience may use another, which may use a third: at most this many audiences deep. */
  maxNesting: 3,
} as const;

/**
 * A saved audience: a named, reusable list of conditions (all must hold), used from any `when` as
 * {"type": "audience", "id": "..."}. Drafted and published with the journeys, in the same versions.
 */
export const Audience = z
  .object({
    id: Slug,
    name: z.string().min(1).max(120),
    description: z.string().max(1_000).optional(),
    conditions: z.array(Condition).min(1).max(20),
  })
  .strict();
export type Audience = z.infer<typeof Audience>;

/** Who uses an audience: journeys (drafts) and other audiences (drafts) whose conditions name it. */
export const AudienceUsers = z.object({ journeys: z.array(z.string()), audiences: z.array(z.string()) });
export type AudienceUsers = z.infer<typeof AudienceUsers>;

/** A saved audience as the admin API shows it (GET /__waymark/api/audiences/:id). */
export const AudienceRecord = z.object({
  id: z.string(),
  audience: Audience,
  /** The live version has this audience. */
  published: z.boolean(),
  /** The draft differs from the live version (or is not live yet): the next publish changes what visitors get. */
  dirty: z.boolean(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  publishedVersion: z.number().nullable(),
  usedBy: AudienceUsers,
});
export type AudienceRecord = z.infer<typeof AudienceRecord>;
