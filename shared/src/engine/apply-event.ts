import type { VisitorEvent } from "../schemas/event.ts";
import type { JourneyState, VisitorState } from "../schemas/state.ts";
import { admission, globallyHeldOut, isRunning } from "./admission.ts";
import { advanceDue } from "./advance-due.ts";
import { allHold } from "./all-hold.ts";
import { applyVisitorEvent } from "./apply-visitor-event.ts";
import { cloneState } from "./clone-state.ts";
import { enterJourney, reconcileJourney } from "./enter-journey.ts";
import { applyMetrics, enrolmentOf } from "./metric-values.ts";
import { moveStage } from "./move-stage.ts";
import { applyProgram } from "./program.ts";
import { reentryOpenAt } from "./reentry-open-at.ts";
import type { Advance, ApplyOptions, CompiledJourney, CompiledRuleset, StageChange } from "./types.ts";

/**
 * Records one event: first the "after" transitions due by the event's time, then the visitor's counters, session,
 * cart, scores and traits, then per journey (entered lazily at its start stage) the first matching transition for
 * the event, goals and dismissals, and the journey's metric values (issue 14). Only running journeys (not paused,
 * within their schedule) take part; a visitor enters one only when admitted (admission.ts: not in the global holdout,
 * their group's share, their traffic share). The program enrolment (program.ts) is kept too. Returns a new state;
 * the input is not modified.
 * The event's time is event.at when given (never after `now`, never before the last event), else `now`.
 */
export function applyEvent(
  state: VisitorState,
  event: VisitorEvent,
  rules: CompiledRuleset,
  opts: ApplyOptions,
): Advance {
  const at = Math.min(opts.now, Math.max(event.at ?? opts.now, state.lastSeenAt));
  const s = cloneState(state);
  const changes: StageChange[] = [];
  const version = rules.version;
  const halfLifeMs = opts.scoring?.halfLifeMs;
  for (const j of rules.journeys) {
    const js = s.journeys[j.id];
    if (!js || !isRunning(j, at)) continue;
    reconcileJourney(s.visitorId, j, js, at, version, changes, opts.random, opts.banditStats?.[j.id]);
    advanceDue(j, js, s, at, version, changes, halfLifeMs, rules.audiences);
  }
  applyVisitorEvent(s, event, at, opts.ctx, opts.scoring, opts.source ?? "server");
  applyProgram(s, event, at, opts.ctx, opts.globalHoldout);
  const dismissed = event.type === "dismiss" ? event.data?.journey : undefined;
  // The program's control enters no journey (journeys entered before the holdout was raised go on, never acting).
  const heldOut = globallyHeldOut(s.visitorId, opts.globalHoldout);
  for (const j of rules.journeys) {
    if (!isRunning(j, at)) continue;
    let js = s.journeys[j.id];
    if (!js) {
      if (heldOut || admission(s, j, rules, at) !== null) continue;
      const entered = enterJourney(s.visitorId, j, at, version, opts.random, opts.banditStats?.[j.id]);
      js = s.journeys[j.id] = entered.js;
      // The first entry enrols the visitor for the journey's metrics (re-entries do not: one unit per visitor).
      js.enrolment = enrolmentOf(s, js, at, opts.ctx);
      changes.push(entered.change);
    }
    // A dismissal concerns only the journey it names.
    if (event.type === "dismiss" && dismissed !== j.id) continue;
    applyMetrics(j, js, event, at, opts.ctx);
    const wasIn = js.exitedAt === null;
    applyTransition(j, js, s, event.type, at, version, changes, opts, rules.audiences);
    if (wasIn && j.goals.has(event.type)) complete(j, js, event.type, at, version, changes);
    if (dismissed === j.id && js.exitedAt === null) dismiss(j, js, at, version, changes);
  }
  return { state: s, changes };
}

function applyTransition(
  j: CompiledJourney,
  js: JourneyState,
  s: VisitorState,
  type: string,
  at: number,
  version: number,
  changes: StageChange[],
  opts: ApplyOptions,
  audiences: CompiledRuleset["audiences"],
): void {
  const list = j.byEvent.get(type);
  if (!list || at < reentryOpenAt(j, js)) return;
  const env = { ctx: opts.ctx, state: s, journeyState: js, now: at, halfLifeMs: opts.scoring?.halfLifeMs, audiences };
  for (const t of list) {
    if (t.from && !t.from.has(js.stage)) continue;
    if (t.when && !allHold(t.when, env)) continue;
    moveStage(j, js, t.to, at, `on:${type}`, version, changes);
    return;
  }
}

function complete(j: CompiledJourney, js: JourneyState, type: string, at: number, v: number, changes: StageChange[]) {
  js.completedAt = at;
  js.exitedAt ??= at;
  changes.push(mark(j, js, `goal:${type}`, at, v, true, true));
}

/** Without a dismiss cooldown, dismissing exits the journey (re-entry per its policy). */
function dismiss(j: CompiledJourney, js: JourneyState, at: number, v: number, changes: StageChange[]) {
  js.dismissedAt = at;
  const exit = j.caps.dismissCooldownMs === null;
  if (exit) js.exitedAt = at;
  changes.push(mark(j, js, "dismiss", at, v, exit, false));
}

function mark(
  j: CompiledJourney,
  js: JourneyState,
  reason: string,
  at: number,
  version: number,
  exit: boolean,
  goal: boolean,
): StageChange {
  return {
    journey: j.id,
    from: js.stage,
    to: js.stage,
    at,
    reason,
    branch: js.branch,
    holdout: js.holdout,
    version,
    exit,
    goal,
  };
}
