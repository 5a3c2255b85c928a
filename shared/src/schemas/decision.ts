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
  /** An offer decision point: the offer chosen (`action` is its content). */
  offer: z.string().optional(),
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

/** One candidate of an offer decision point, as the trace explains it ("why this offer"). */
export const OfferCandidateTrace = z.object({
  id: z.string(),
  /** Eligibility (the offer's conditions, weight and caps) comes first: the model only ranks eligible offers. */
  eligible: z.boolean(),
  detail: z.string().optional(),
  checks: z.array(TraceCheck).optional(),
  /** The model's best guess that this visitor reaches the objective with this offer (posterior mean). */
  propensity: z.number().optional(),
  /** The propensity drawn for this decision (Thompson sampling: unsure offers draw widely, so they get explored). */
  sampled: z.number().optional(),
  value: z.number(),
  weight: z.number(),
  /** sampled x value x weight; the highest wins. */
  score: z.number().optional(),
  /** The features that pull this offer's propensity most for this visitor, with their log-odds contribution. */
  top: z.array(z.object({ feature: z.string(), contribution: z.number() })).optional(),
});
export type OfferCandidateTrace = z.infer<typeof OfferCandidateTrace>;

/** Why an offer decision point chose what it chose. */
export const OfferTrace = z.object({
  /** The decision point's model, "<journey>/<action id>". */
  model: z.string(),
  /** Batches the model had learned from (0: the prior, every offer explored). */
  modelVersion: z.number(),
  objective: z.string(),
  /** "full": the visitor's stored profile too; "request": request-level features only (no consent). */
  features: z.enum(["full", "request"]),
  chosen: z.string().nullable(),
  /** "sampled" (Thompson sampling), "kept" (shown earlier, within its attribution window), or "none eligible". */
  how: z.enum(["sampled", "kept", "none"]),
  candidates: z.array(OfferCandidateTrace),
});
export type OfferTrace = z.infer<typeof OfferTrace>;

export const ActionTrace = z.object({
  id: z.string(),
  type: z.string(),
  /** "applied": the engine decided the action; `page` says what it did on the page, when known. */
  status: ActionTraceStatus,
  page: ActionPageResult.optional(),
  detail: z.string().optional(),
  checks: z.array(TraceCheck).optional(),
  lostTo: z.object({ journey: z.string(), actionId: z.string() }).optional(),
  /** Offer decision points: each candidate's eligibility, propensity, value, score and top features. */
  offer: OfferTrace.optional(),
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

/**
 * An offer shown by this decision, for the visitor object to learn from (issue 18): the features it was chosen on and
 * where its attribution window ends. `kept`: the same offer as before, within its window (no new example).
 */
export const OfferChoice = z.object({
  journey: z.string(),
  action: z.string(),
  /** The decision point's model, "<journey>/<action id>". */
  model: z.string(),
  offer: z.string(),
  objective: z.string(),
  until: z.number(),
  kept: z.boolean(),
  idx: z.array(z.number()),
  val: z.array(z.number()),
  /** Segments the dashboard breaks propensity down by. */
  segment: z.object({ device: z.string(), source: z.string(), interest: z.string() }),
});
export type OfferChoice = z.infer<typeof OfferChoice>;

/** What a request gets: actions to apply, exposures to count, and the trace of why. */
export const Decision = z.object({
  version: z.number().int().nonnegative(),
  at: z.number(),
  actions: z.array(AppliedAction),
  exposures: z.array(Exposure),
  trace: z.array(JourneyTrace),
  /** Same-site redirect chosen by a redirect action, if any (it wins over page changes). */
  redirect: z.object({ url: z.string(), status: z.number() }).nullable(),
  /** Offers shown (issue 18), present only when an offer decision point chose one. */
  offers: z.array(OfferChoice).optional(),
});
export type Decision = z.infer<typeof Decision>;
