import { z } from "zod";
import { Action } from "./action.ts";

/** An action chosen for this request, with its templates already rendered (values escaped). */
export const AppliedAction = z.object({
  journey: z.string(),
  stage: z.string(),
  branch: z.string(),
  actionId: z.string(),
  slot: z.string(),
  action: Action,
});
export type AppliedAction = z.infer<typeof AppliedAction>;

export const TraceCheck = z.object({ check: z.string(), ok: z.boolean(), detail: z.string().optional() });
export type TraceCheck = z.infer<typeof TraceCheck>;

export const ActionTraceStatus = z.enum([
  "applied",
  "wrong_stage",
  "wrong_branch",
  "conditions",
  "lost_slot",
  "not_live",
  "capped",
]);

/**
 * What an applied page action did on the page as the edge streamed it: how many elements its selector matched, or
 * "no_match" (the engine decided it, but there was nothing to change). Known only where the page went through the
 * edge with a trace (preview requests: PageMatches at the end of the document), so absent elsewhere.
 */
export const ActionPageResult = z.union([z.object({ matched: z.number().int().positive() }), z.literal("no_match")]);
export type ActionPageResult = z.infer<typeof ActionPageResult>;

/** Elements matched per applied page action while the edge streamed the page: journey -> action id -> count. */
export const PageMatches = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));
export type PageMatches = z.infer<typeof PageMatches>;

/** Id of the <script type="application/json"> carrying PageMatches at the end of a previewed page. */
export const PAGE_MATCHES_ID = "__waymark_matches";

export const ActionTrace = z.object({
  id: z.string(),
  type: z.string(),
  /** "applied": the engine decided the action; `page` says what it did on the page, when known. */
  status: ActionTraceStatus,
  page: ActionPageResult.optional(),
  detail: z.string().optional(),
  checks: z.array(TraceCheck).optional(),
  lostTo: z.object({ journey: z.string(), actionId: z.string() }).optional(),
});
export type ActionTrace = z.infer<typeof ActionTrace>;

export const JourneyTraceStatus = z.enum([
  "applied", // at least one action applied
  "no_actions", // in the journey, but nothing to show in this stage/branch
  "holdout", // control group: would have shown, shows nothing
  "audience", // journey-level conditions failed
  "paused",
  "exited", // finished and may not re-enter (yet)
  "dismissed", // dismissed by the visitor, cooldown in force
  "capped", // a frequency cap is in force
  "lost", // every eligible action lost arbitration
  "scheduled", // the journey's schedule has not started yet
  "ended", // the journey's schedule has ended
  "not_enrolled", // not in the journey: global holdout, another journey of its group, or outside its traffic share
]);
export type JourneyTraceStatus = z.infer<typeof JourneyTraceStatus>;

/** Why a journey did or did not act on this request. */
export const JourneyTrace = z.object({
  journey: z.string(),
  priority: z.number(),
  stage: z.string().nullable(),
  branch: z.string().nullable(),
  holdout: z.boolean(),
  forced: z.boolean().optional(),
  status: JourneyTraceStatus,
  checks: z.array(TraceCheck),
  actions: z.array(ActionTrace),
});
export type JourneyTrace = z.infer<typeof JourneyTrace>;

/** A journey exposure to count (holdout visitors are counted where they would have been exposed). */
export const Exposure = z.object({
  journey: z.string(),
  stage: z.string(),
  branch: z.string().nullable(),
  holdout: z.boolean(),
  actionIds: z.array(z.string()),
});
export type Exposure = z.infer<typeof Exposure>;

/** What a request gets: actions to apply, exposures to count, and the trace of why. */
export const Decision = z.object({
  version: z.number().int().nonnegative(),
  at: z.number(),
  actions: z.array(AppliedAction),
  exposures: z.array(Exposure),
  trace: z.array(JourneyTrace),
  /** Same-site redirect chosen by a redirect action, if any (it wins over page changes). */
  redirect: z.object({ url: z.string(), status: z.number() }).nullable(),
});
export type Decision = z.infer<typeof Decision>;
