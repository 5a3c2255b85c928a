// The whole visit, as one pure function per kind of input. Every host (the visitor's Durable Object, the Worker's
// anonymous path and decide endpoint, the dashboard simulator, `waymark simulate`, the test scenarios) calls these
// and does only I/O around them, so a simulator cannot chain the engine's steps differently from the edge.
import type { RequestContext } from "../schemas/context.ts";
import type { Decision } from "../schemas/decision.ts";
import type { VisitorEvent } from "../schemas/event.ts";
import type { StatsEvent } from "../schemas/stats.ts";
import type { VisitorState } from "../schemas/state.ts";
import { advanceTime } from "./advance-time.ts";
import { applyEvent } from "./apply-event.ts";
import { decide } from "./decide.ts";
import { recordExposures } from "./record-exposures.ts";
import { recordOfferShows } from "../nba/record-offer-shows.ts";
import { statsFor } from "./stats-for.ts";
import { viewRuleEvents } from "./track-rules.ts";
import type { CompiledRuleset, DecideOptions, EventSource, ScoringOptions, StageChange } from "./types.ts";

/** How far back a client-dated event may be: older dates are moved up to this bound (client clocks are not trusted). */
export const MAX_EVENT_AGE_MS = 86_400_000;

/** One row of the visitor's events log. */
export interface LoggedEvent {
  id: string | null;
  type: string;
  at: number;
  data: unknown;
}

/** What a visit does: the state to store, what moved, what the visitor is shown, and what to count and log. */
export interface Visit {
  state: VisitorState;
  changes: StageChange[];
  /** Page: what the page gets. Events: only the nudges of journeys the batch moved (null when none moved). */
  decision: Decision | null;
  /** Exposures counted against the visitor's totals (holdout exposures are measured but show nothing). */
  exposures: number;
  /** The countable facts (stats shards); a preview sandbox drops them. */
  stats: StatsEvent[];
  /** Events to append to the log (page views are counted in the state instead, so a page writes one row). */
  logged: LoggedEvent[];
  /** Events skipped because their id was seen before (in the batch or in the log). */
  duplicates: number;
}

/** A page always gets a decision. */
export interface PageVisit extends Visit {
  decision: Decision;
}

export interface VisitOptions {
  now: number;
  random?: () => number;
  /** A preview: this journey (and stage/branch) is decided as if the visitor were there. */
  force?: DecideOptions["force"];
  scoring?: ScoringOptions;
  /**
   * GLOBAL_HOLDOUT (0..1, default 0): the share of visitors kept out of every journey as the program's control and,
   * when above 0, the program measurement (program.ts). Previews (force) ignore it.
   */
  globalHoldout?: number;
  /** Offer decision points' models (issue 18), by name; see DecideOptions. */
  models?: DecideOptions["models"];
  /** false: no consent, offers are chosen on request-level features only. */
  storedFeatures?: boolean;
}

export interface EventBatchOptions extends VisitOptions {
  /** The page the events come from (beacon); absent for server-side events, which then show no nudges. */
  ctx?: RequestContext;
  /** Whether an event id is already in the visitor's log (idempotent retries). */
  isStored?: (eventId: string) => boolean;
  /**
   * Who sent the batch. "browser" events (the beacon, anyone posing as the visitor) never change traits or the
   * customer id; "server" (the default: the backend's ingest API, simulators) may.
   */
  source?: EventSource;
}

/**
 * A page request: records the page view (after the "after" transitions due by now) and the events of the view rules
 * it matches (journey.track), decides the page and counts what it shows, so caps hold on the next request.
 * @example const v = pageView(state, rules, ctx, { now }); // v.decision.actions -> the rewriter
 */
export function pageView(
  state: VisitorState,
  rules: CompiledRuleset,
  ctx: RequestContext,
  opts: VisitOptions,
): PageVisit {
  const { now, random, scoring } = opts;
  const globalHoldout = opts.force ? undefined : opts.globalHoldout;
  const apply = { now, random, ctx, scoring, globalHoldout };
  const adv = applyEvent(state, { type: "page_view", data: { path: ctx.path } }, rules, apply);
  // The journeys' view rules report their events in the same visit, before deciding, so a stage they reach shows now.
  const logged: LoggedEvent[] = [];
  for (const type of viewRuleEvents(rules, ctx.path)) {
    const ev = applyEvent(adv.state, { type, data: { path: ctx.path } }, rules, apply);
    adv.state = ev.state;
    adv.changes.push(...ev.changes);
    logged.push({ id: null, type, at: now, data: { path: ctx.path } });
  }
  const decision = decide(adv.state, rules, ctx, {
    now,
    mode: "page",
    force: opts.force,
    random,
    globalHoldout,
    models: opts.models,
    storedFeatures: opts.storedFeatures,
  });
  const measured = { before: state, rules };
  const shown = recordOfferShows(recordExposures(adv.state, rules, decision, now), decision, now, rules);
  return {
    ...finish(shown, adv.changes, decision, logged, 0, now, measured),
    decision,
  };
}

/**
 * A batch of events (beacon or server-side), idempotent by event id. Returns the nudges to show now: those of
 * journeys the batch moved, so a nudge appears once when its stage is reached, not on every later event.
 */
export function eventBatch(
  state: VisitorState,
  rules: CompiledRuleset,
  events: readonly VisitorEvent[],
  opts: EventBatchOptions,
): Visit {
  const { now, random, scoring, ctx } = opts;
  const globalHoldout = opts.force ? undefined : opts.globalHoldout;
  let s = state;
  const changes: StageChange[] = [];
  const logged: LoggedEvent[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const ev of events) {
    if (ev.id !== undefined && (seen.has(ev.id) || opts.isStored?.(ev.id))) {
      duplicates++;
      continue;
    }
    if (ev.id !== undefined) seen.add(ev.id);
    const at = Math.min(now, Math.max(now - MAX_EVENT_AGE_MS, ev.at ?? now));
    const adv = applyEvent(s, { ...ev, at }, rules, { now, random, ctx, scoring, source: opts.source, globalHoldout });
    s = adv.state;
    changes.push(...adv.changes);
    logged.push({ id: ev.id ?? null, type: ev.type, at, data: ev.data ?? null });
  }
  let decision: Decision | null = null;
  if (ctx && changes.length) {
    const decideOpts = { now, mode: "event" as const, force: opts.force, random, globalHoldout };
    decision = onlyMoved(decide(s, rules, ctx, decideOpts), changes);
    s = recordExposures(s, rules, decision, now);
  }
  return finish(s, changes, decision, logged, duplicates, now, { before: state, rules });
}

/** Time passing with no request: the "after" transitions due by `now` (the alarm, QA's advance-time, a wait). */
export function timePasses(state: VisitorState, rules: CompiledRuleset, now: number): Visit {
  const adv = advanceTime(state, rules, now);
  return finish(adv.state, adv.changes, null, [], 0, now);
}

/** Keeps the actions and exposures of journeys that moved (entered or changed stage, not exited) in a batch. */
function onlyMoved(decision: Decision, changes: StageChange[]): Decision {
  const moved = new Set(changes.filter((c) => !c.exit).map((c) => c.journey));
  return {
    ...decision,
    actions: decision.actions.filter((a) => moved.has(a.journey)),
    exposures: decision.exposures.filter((e) => moved.has(e.journey)),
  };
}

function finish(
  state: VisitorState,
  changes: StageChange[],
  decision: Decision | null,
  logged: LoggedEvent[],
  duplicates: number,
  now: number,
  /** Pages and events: the state before the visit, for the enrolments and metric values it changed (issue 14). */
  measured?: { before: VisitorState; rules: CompiledRuleset },
): Visit {
  let exposures = 0;
  for (const e of decision?.exposures ?? []) if (!e.holdout) exposures++;
  const stats =
    changes.length || decision?.exposures.length || measured
      ? statsFor({ state, changes }, decision, now, measured)
      : [];
  return { state, changes, decision, exposures, stats, logged, duplicates };
}

/** A state written with no engine step (a device's history merged into a customer's): nothing to count or show. */
export function stateOnly(state: VisitorState): Visit {
  return { state, changes: [], decision: null, exposures: 0, stats: [], logged: [], duplicates: 0 };
}
