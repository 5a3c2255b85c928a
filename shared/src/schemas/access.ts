import { z } from "zod";
import { JourneyDiff } from "./api.ts";

/**
 * What a token may do. Staff roles form a ladder (each may do what the ones before it may):
 * viewer (read everything) < editor (drafts, previews, QA, selector tests, publish requests) <
 * publisher (publish, pause, rollback, approve requests) < admin (everything, visitor records too).
 * `ingest` stands apart: a backend's token for server-side events, traits and identify only.
 */
export const Role = z.enum(["viewer", "editor", "publisher", "admin", "ingest"]);
export type Role = z.infer<typeof Role>;

/** The staff roles in ladder order. */
export const STAFF_ROLES = ["viewer", "editor", "publisher", "admin"] as const;

/** What the dashboard may offer a token: one flag per kind of action (GET /__waymark/api/whoami). */
export const Capability = z.enum([
  "read",
  "edit",
  "preview",
  "qa",
  "publish",
  "requestPublish",
  "approve",
  "pause",
  "rollback",
  "visitors",
  "ingest",
]);
export type Capability = z.infer<typeof Capability>;

export const WhoAmI = z.object({
  /** The token's label, as the audit log names it. */
  label: z.string(),
  role: Role,
  can: z.record(Capability, z.boolean()),
  /** Why a capability is missing, worded as the API's 403 would be. */
  why: z.partialRecord(Capability, z.string()),
  /** REQUIRE_APPROVAL: publishing goes through a publish request another publisher approves. */
  approvals: z.boolean(),
});
export type WhoAmI = z.infer<typeof WhoAmI>;

// ---- publish requests (approvals)

export const PublishRequestStatus = z.enum(["pending", "approved", "rejected", "withdrawn"]);
export type PublishRequestStatus = z.infer<typeof PublishRequestStatus>;

/** POST /__waymark/api/publish-requests: ask for the drafts as they are now to be published. */
export const PublishRequestCreate = z.object({ note: z.string().trim().max(2_000).optional() }).strict();
export type PublishRequestCreate = z.infer<typeof PublishRequestCreate>;

/** Approve, reject or withdraw: an optional comment for the audit log. */
export const PublishRequestDecision = z.object({ note: z.string().trim().max(2_000).optional() }).strict();
export type PublishRequestDecision = z.infer<typeof PublishRequestDecision>;

export const PublishRequestRecord = z.object({
  id: z.number().int().positive(),
  status: PublishRequestStatus,
  note: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.number(),
  /** The live version when the request was made. */
  baseVersion: z.number().int(),
  /** Journey ids the snapshot holds. */
  journeys: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  decisionNote: z.string().nullable(),
  /** The version an approval published. */
  publishedVersion: z.number().int().nullable(),
  /** Pending only: do the drafts still match the snapshot? When false, approving answers 409. */
  current: z.boolean(),
  /** Pending only: what approving would change on the live site (the snapshot against the live version). */
  diff: z.array(JourneyDiff).optional(),
  /** Pending and no longer current: journeys whose drafts changed since the request. */
  changedSince: z.array(z.string()).optional(),
});
export type PublishRequestRecord = z.infer<typeof PublishRequestRecord>;

export const PublishRequestList = z.object({
  approvals: z.boolean(),
  requests: z.array(PublishRequestRecord),
});
export type PublishRequestList = z.infer<typeof PublishRequestList>;

export const PublishRequestApproved = z.object({
  request: PublishRequestRecord,
  version: z.number().int().positive(),
});
export type PublishRequestApproved = z.infer<typeof PublishRequestApproved>;
