import type { Action } from "../schemas/action.ts";
import type { CompiledOfferPoint } from "../nba/compile-offer-point.ts";
import type { ModelSnapshot } from "../nba/model-snapshot.ts";
import type { ActionTemplates } from "./render-action.ts";
import type { EscapedValues } from "./render-template.ts";
import type { Condition } from "../schemas/condition.ts";
import type { RequestContext } from "../schemas/context.ts";
import type { Journey } from "../schemas/journey.ts";
import type { JourneyState, VisitorState } from "../schemas/state.ts";

/** A transition with its references resolved: `from` as a set (null = any stage), `after` in ms. */
export interface CompiledTransition {
  /** Position in the journey's transition list (list order decides among event transitions). */
  index: number;
  from: ReadonlySet<string> | null;
  to: string;
  on: string | null;
  afterMs: number | null;
  /** The duration as written, for traces and StageChange reasons. */
  after: string | null;
  when: Condition[] | null;
}

/** An action with its defaults applied (id, slot) and its stage/branch lists as sets (null = any). */
export interface CompiledAction {
  id: string;
  index: number;
  slot: string;
  /** Index of `slot` among the ruleset's distinct slots (CompiledRuleset.slotCount): claims are an array, not a Map. */
  slotIndex: number;
  stages: ReadonlySet<string> | null;
  /**
   * By stage number (CompiledJourney.stageList): whether the action applies in that stage (in `stages`, or without
   * them, not an exit stage). An array read, where a decision would otherwise look the stage up in a set per action.
   */
  inStage: readonly boolean[];
  branches: ReadonlySet<string> | null;
  when: Condition[] | null;
  /** Trace labels of `when`, "when[0] path", ..., computed once rather than per request. */
  whenLabels: string[];
  /** Decision-memo index of each of `when` (checkConditionOnce), -1 for one evaluated per journey. */
  whenKeys: number[];
  /** This action's claim on its slot, shared by every decision (callers must not mutate it). */
  claim: { journey: string; actionId: string };
  /** Trace details, computed once rather than per request (the trace itself names the stage and branch). */
  details: { stage: string; branch: string; slot: string };
  /** Why this action is never applied (a script vector without "allowScripts"), or null. */
  refused: string | null;
  /** Nudges are the only actions live in event mode (shown at once by the beacon). */
  nudge: boolean;
  action: Action;
  /** The action's templates, parsed once (renderAction); null when it renders as written. */
  templates: ActionTemplates | null;
  /** Offer decision points (issue 18): the candidates compiled; absent for other actions. */
  offer?: CompiledOfferPoint;
}

export interface CompiledJourney {
  id: string;
  priority: number;
  /** The journey after schema defaults, as the marketer's JSON means it. */
  journey: Journey;
  start: string;
  stageIds: ReadonlySet<string>;
  /** The stage ids in the journey's order: a stage's number is its index (CompiledAction.inStage). */
  stageList: readonly string[];
  /** The start stage's number. */
  startNo: number;
  exitStages: ReadonlySet<string>;
  /** Event transitions by event type, in list order. */
  byEvent: ReadonlyMap<string, CompiledTransition[]>;
  /** "after" transitions by source stage ("*" ones are merged into every stage), in list order. */
  afterByStage: ReadonlyMap<string, CompiledTransition[]>;
  hasAfter: boolean;
  branches: { id: string; weight: number }[];
  branchIds: ReadonlySet<string>;
  /** The branch ids in order: a decision checks a stored branch by a scan of this (one or a few short strings). */
  branchList: readonly string[];
  totalWeight: number;
  holdout: number;
  allocation: "fixed" | "thompson";
  when: Condition[] | null;
  whenLabels: string[];
  /** Decision-memo index of each of `when` (checkConditionOnce), -1 for one evaluated per journey. */
  whenKeys: number[];
  actions: CompiledAction[];
  goals: ReadonlySet<string>;
  caps: { perSession: number | null; perDay: number | null; dismissCooldownMs: number | null };
  reentry: { policy: "once" | "cooldown" | "always"; cooldownMs: number };
  paused: boolean;
  /** schedule.start / schedule.end in ms since the epoch (null: open on that side). */
  scheduleStartMs: number | null;
  scheduleEndMs: number | null;
  /** Share of visitors (0..1) admitted, by a sticky hash. */
  traffic: number;
  /** Exclusion group, or null. */
  group: string | null;
}

export interface CompiledRuleset {
  version: number;
  /** Sorted by priority desc, then id asc: the order of slot arbitration. */
  journeys: CompiledJourney[];
  byId: ReadonlyMap<string, CompiledJourney>;
  /** Journeys that failed the schema (raw storage): left out rather than breaking every page. */
  skipped: { id: string; message: string }[];
  /** Exclusion groups: the journeys of each group, in id order (see admission.ts). */
  groups?: ReadonlyMap<string, readonly CompiledJourney[]>;
  /** Saved audiences by id: the conditions an {"type": "audience"} condition stands for (issue 16). */
  audiences: ReadonlyMap<string, Condition[]>;
  /** How many distinct slots the actions name (CompiledAction.slotIndex is below it). */
  slotCount: number;
  /** How many distinct journey-independent conditions journeys and actions name (the `whenKeys` are below it). */
  conditionCount: number;
}

/** One movement of a visitor in a journey (or a goal / dismissal, where `from` equals `to`). */
export interface StageChange {
  journey: string;
  from: string | null;
  to: string;
  at: number;
  /** "enter", "on:<event>", "after:<duration>", "goal:<event>", "dismiss" or "reset" (stage gone from the rules). */
  reason: string;
  branch: string | null;
  holdout: boolean;
  version: number;
  /** The journey ended here (exit stage, goal, or dismissal without cooldown). */
  exit: boolean;
  goal: boolean;
}

export interface Advance {
  state: VisitorState;
  changes: StageChange[];
}

/** Template values computed at most once per decision, and only if an applied action has a template. */
export interface LazyValues {
  state: VisitorState;
  values: TemplateValues | null;
  /** Those values as escaped so far, made with them (each is escaped once per decision, not once per template). */
  escaped?: EscapedValues;
}

/** Flat template values, raw (renderTemplate escapes them): "cart.count" -> "2". */
export type TemplateValues = Record<string, string>;

export interface ConditionEnv {
  /** The request; absent for transitions applied outside a request (alarm, server-side event). */
  ctx?: RequestContext;
  state: VisitorState;
  journeyState?: JourneyState;
  now: number;
  /** Score half-life for decay at evaluation time (default 7 days). */
  halfLifeMs?: number;
  /** The ruleset's saved audiences (CompiledRuleset.audiences); without it, audience conditions are unknown (false). */
  audiences?: ReadonlyMap<string, Condition[]>;
}

export interface ConditionResult {
  ok: boolean;
  detail: string;
}

/** Observed conversions per branch of one journey, for Thompson sampling. */
export type BanditStats = Record<string, { exposures: number; conversions: number }>;

export interface ScoringOptions {
  /** Engagement weight per event type; merged over the defaults. */
  weights?: Record<string, number>;
  halfLifeMs?: number;
}

export interface ApplyOptions {
  now: number;
  random?: () => number;
  ctx?: RequestContext;
  scoring?: ScoringOptions;
  /** Per journey id, for journeys allocated by Thompson sampling. */
  banditStats?: Record<string, BanditStats>;
  /** Who sent the event: only the site's backend ("server", the default) may set traits and the customer id. */
  source?: EventSource;
  /** Share of visitors (0..1) kept out of every journey as the program's control (GLOBAL_HOLDOUT; default 0). */
  globalHoldout?: number;
}

/**
 * Where events come from. "browser": anyone posing as the visitor (the beacon, the public events endpoint), so
 * never trusted with traits or the customer id. "server": the site's backend (ingest API), or a simulator.
 */
export type EventSource = "browser" | "server";

export interface DecideOptions {
  now: number;
  mode: "page" | "event";
  force?: { journey: string; stage?: string; branch?: string };
  random?: () => number;
  banditStats?: Record<string, BanditStats>;
  halfLifeMs?: number;
  /** Share of visitors (0..1) kept out of every journey as the program's control (GLOBAL_HOLDOUT; default 0). */
  globalHoldout?: number;
  /** Offer decision points' models by name ("<journey>/<action id>"); a point without one decides with the prior. */
  models?: Readonly<Record<string, ModelSnapshot>>;
  /** false: no consent, so offers are chosen on request-level features only (default true). */
  storedFeatures?: boolean;
}
