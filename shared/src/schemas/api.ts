import { z } from "zod";
import { Journey } from "./journey.ts";

/** Error body of every 4xx/5xx from Waymark's API. `issues` carries zod issue paths on 400s. */
export const ApiError = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const JourneyStatus = z.enum(["draft", "published", "paused"]);
export type JourneyStatus = z.infer<typeof JourneyStatus>;

/** A journey as the rules store keeps it: the working draft plus where it stands. */
export const JourneyRecord = z.object({
  id: z.string(),
  journey: Journey,
  status: JourneyStatus,
  /** True when the draft differs from what the live version holds. */
  dirty: z.boolean(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  /** Version that last published this journey, if any. */
  publishedVersion: z.number().int().nullable(),
});
export type JourneyRecord = z.infer<typeof JourneyRecord>;

export const VersionSummary = z.object({
  version: z.number().int().positive(),
  publishedAt: z.number(),
  publishedBy: z.string(),
  note: z.string().optional(),
  journeys: z.array(z.string()),
  /** Set when this version was created by rolling back to another one. */
  rollbackOf: z.number().int().optional(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const PublishRequest = z.object({ note: z.string().max(2_000).optional() }).strict();
export type PublishRequest = z.infer<typeof PublishRequest>;
export const PublishResponse = z.object({ version: z.number().int().positive() });
export type PublishResponse = z.infer<typeof PublishResponse>;

export const RollbackRequest = z.object({ version: z.number().int().positive() }).strict();
export type RollbackRequest = z.infer<typeof RollbackRequest>;

export const JourneyList = z.object({
  journeys: z.array(JourneyRecord),
  /**
   * The hosts a journey's redirect may name (ORIGIN_URL's and the one the Worker answers on); null when the site's
   * host is unknown (ORIGIN_URL empty), so absolute redirect URLs are not checked (the dashboard warns).
   */
  siteHosts: z.array(z.string()).nullable().optional(),
});
export type JourneyList = z.infer<typeof JourneyList>;

export const VersionList = z.object({ live: z.number().int().nonnegative(), versions: z.array(VersionSummary) });
export type VersionList = z.infer<typeof VersionList>;

/** One journey's change between two rulesets (or between the drafts and the live version). */
export const JourneyDiff = z.object({
  id: z.string(),
  change: z.enum(["added", "removed", "changed", "unchanged"]),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** JSON pointers of the fields that differ, e.g. "/actions/0/html". */
  fields: z.array(z.string()).optional(),
});
export type JourneyDiff = z.infer<typeof JourneyDiff>;

export const DiffResponse = z.object({
  from: z.union([z.number().int(), z.literal("draft")]),
  to: z.union([z.number().int(), z.literal("draft")]),
  journeys: z.array(JourneyDiff),
});
export type DiffResponse = z.infer<typeof DiffResponse>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
