import type { RequestContext } from "../schemas/context.ts";
import type {
  ActionTrace,
  AppliedAction,
  Exposure,
  JourneyTrace,
  OfferChoice,
  TraceCheck,
} from "../schemas/decision.ts";
import type { JourneyState, VisitorState } from "../schemas/state.ts";
import { admission, scheduleRefusal } from "./admission.ts";
import { assignBranch, weightedBranch } from "./assign-branch.ts";
import { checkConditionOnce } from "./eval-condition.ts";
import { isSameSiteUrl } from "./is-same-site-url.ts";
import { renderAction } from "./render-action.ts";
import { decideOffer } from "../nba/decide-offer.ts";
import type {
  CompiledAction,
  CompiledJourney,
  CompiledRuleset,
  ConditionEnv,
  ConditionResult,
  DecideOptions,
  LazyValues,
} from "./types.ts";

/**
 * Who holds each slot so far in this decision (first claim wins: journeys come in priority order), by
 * CompiledAction.slotIndex, and the first applied redirect.
 */
export interface SlotClaims {
  bySlot: ({ journey: string; actionId: string } | undefined)[];
  redirect: { journey: string; actionId: string } | null;
}

/** What one decision shares across its journeys, computed once per decision. */
export interface DecisionScope {
  /** The ruleset (exclusion groups). */
  rules: CompiledRuleset;
  /** The visitor is in the global holdout. */
  heldOut: boolean;
  /** Answers of journey-independent conditions so far, by memo index (checkConditionOnce). */
  memo: (ConditionResult | undefined)[];
  /**
   * What journeys applied, in the order they were decided: each journey appends its applied actions, its exposure
   * (at most one) and its chosen offers (issue 18). Without a preview or a redirect these are the decision's lists
   * as they are; decide otherwise regroups them by journey.
   */
  applied: AppliedAction[];
  exposures: Exposure[];
  offers: OfferChoice[] | undefined;
}

const DAY_MS = 86_400_000;

/**
 * A trace's checks and actions until the first is appended (appended replaces an empty list, never pushes to it):
 * most journeys have one of each, and an empty array made first would be garbage at once. Never returned: each
 * exit of decideJourney puts a new empty array in place of one still unused (callers may push to trace lists).
 */
const NO_CHECKS: TraceCheck[] = Object.freeze([]) as unknown as TraceCheck[];
const NO_ACTIONS: ActionTrace[] = Object.freeze([]) as unknown as ActionTrace[];

/**
 * One journey's part of a decision: journey-level checks, then each action; returns its trace. Claims slots as
 * actions apply, and appends what it applies to the scope's lists.
 * `env` is shared by the whole decision (only its journeyState changes), to spare an allocation per journey.
 */
export function decideJourney(
  j: CompiledJourney,
  state: VisitorState,
  ctx: RequestContext,
  opts: DecideOptions,
  slots: SlotClaims,
  values: LazyValues,
  env: ConditionEnv,
  scope: DecisionScope,
): JourneyTrace {
  const forced = opts.force?.journey === j.id ? opts.force : undefined;
  const stored: JourneyState | undefined = state.journeys[j.id];
  // The stage's number (CompiledJourney.stageList): actions check their stage by it. A stage gone from the rules
  // counts as the start stage.
  let stageNo = stored ? indexIn(j.stageList, stored.stage) : -1;
  let stage = stageNo >= 0 ? stored!.stage : j.start;
  if (stageNo < 0) stageNo = j.startNo;
  let branch: string | null;
  let holdout: boolean;
  if (stored && (stored.holdout ? j.holdout > 0 : indexIn(j.branchList, stored.branch) >= 0)) {
    branch = stored.branch;
    holdout = stored.holdout;
  } else {
    ({ branch, holdout } = assignBranch(state.visitorId, j, opts.random, opts.banditStats?.[j.id]));
  }
  const checks: TraceCheck[] = forced ? [] : NO_CHECKS;
  if (forced) {
    if (forced.stage !== undefined) {
      const no = j.stageList.indexOf(forced.stage);
      const known = no >= 0;
      checks.push({ check: "force.stage", ok: known, detail: known ? forced.stage : `unknown stage ${forced.stage}` });
      if (known) {
        stage = forced.stage;
        stageNo = no;
      }
    }
    if (forced.branch !== undefined) {
      const known = j.branchList.includes(forced.branch);
      checks.push({
        check: "force.branch",
        ok: known,
        detail: known ? forced.branch : `unknown branch ${forced.branch}`,
      });
      if (known) branch = forced.branch;
    }
    // A holdout visitor has no branch: previews give it the forced one, else the weighted one (never the holdout).
    if (branch === null) branch = weightedBranch(state.visitorId, j);
    holdout = false;
  }
  const trace: JourneyTrace = {
    journey: j.id,
    priority: j.priority,
    stage,
    branch: holdout ? null : branch,
    holdout,
    status: "no_actions",
    checks,
    actions: NO_ACTIONS,
  };
  if (forced) trace.forced = true;

  if (j.paused) {
    if (!forced) return stop(trace, "paused", "paused", "journey is paused");
    trace.checks = appended(trace.checks, { check: "paused", ok: true, detail: "paused, shown for preview" });
  }
  // The calls below are made only for journeys that need them: the JIT then spends its inlining on the common path.
  const outside = j.scheduleStartMs !== null || j.scheduleEndMs !== null ? scheduleRefusal(j, opts.now) : null;
  if (outside) {
    if (!forced)
      return stop(trace, opts.now < j.scheduleStartMs! ? "scheduled" : "ended", outside.check, outside.detail);
    const detail = `${outside.detail}, shown for preview`;
    trace.checks = appended(trace.checks, { check: outside.check, ok: true, detail });
  }
  if (!forced) {
    if (scope.heldOut)
      return stop(trace, "not_enrolled", "global holdout", "global holdout: the program's control gets no journey");
    // Not entered: admitted ones are decided as if at their start stage; the others are not in the journey.
    const refused = stored ? null : admission(state, j, scope.rules, opts.now);
    if (refused) return stop(trace, "not_enrolled", refused.check, refused.detail);
  }
  const js: JourneyState =
    stored && stored.stage === stage
      ? stored
      : { ...(stored ?? VIRTUAL), stage, stageSince: stored?.stageSince ?? opts.now };
  env.journeyState = js;
  if (j.when) {
    let ok = true;
    for (let i = 0; i < j.when.length; i++) {
      const r = checkConditionOnce(j.when[i], env, j.whenLabels[i], j.whenKeys[i], scope.memo);
      trace.checks = appended(trace.checks, r);
      ok &&= r.ok;
    }
    if (!ok) {
      trace.status = "audience";
      trace.actions = [];
      return trace;
    }
  }
  if (!forced && stored) {
    if (stored.exitedAt !== null) return stop(trace, "exited", "exited", exitDetail(j, stored));
    if (!holdout && stored.dismissedAt !== null && j.caps.dismissCooldownMs !== null) {
      const until = stored.dismissedAt + j.caps.dismissCooldownMs;
      if (opts.now < until) return stop(trace, "dismissed", "dismissed", `dismissed; quiet until ${iso(until)}`);
    }
    const capped = j.caps.perSession !== null || j.caps.perDay !== null ? capCheck(j, stored, state, opts.now) : null;
    if (capped) return stop(trace, "capped", capped.check, capped.detail);
  }

  const branchForActions = holdout ? null : branch;
  let lost = false;
  let applies = 0;
  let exposure: Exposure | null = null;
  for (const a of j.actions) {
    const at = actionTrace(a, stageNo, branchForActions, opts.mode, env, ctx, scope.memo);
    trace.actions = appended(trace.actions, at);
    if (at.status !== "applied") continue;
    if (holdout) {
      at.status = "not_live";
      at.detail = "holdout: would apply, control group sees nothing";
      if (exposure) exposure.actionIds.push(a.id);
      else scope.exposures.push((exposure = { journey: j.id, stage, branch: null, holdout: true, actionIds: [a.id] }));
      continue;
    }
    const claim = slots.bySlot[a.slotIndex];
    if (claim) {
      at.status = "lost_slot";
      at.lostTo = { ...claim };
      at.detail = a.details.slot;
      lost = true;
      continue;
    }
    let source = a.action;
    let choice: OfferChoice | null = null;
    if (a.offer) {
      // An offer decision point: the model picks among the eligible offers; the page gets that offer's content.
      const picked = decideOffer(a.offer, j.id, a.id, stage, state, ctx, opts, env);
      at.offer = picked.trace;
      if (!picked.content) {
        at.status = "conditions";
        at.detail = "no offer is eligible";
        continue;
      }
      source = picked.content;
      choice = picked.choice;
    }
    const action = renderAction(source, values, source === a.action ? a.templates : undefined);
    if (!action) {
      at.status = "conditions";
      at.detail = "a visitor value made an unsafe URL (a script URL or another scheme): refused";
      continue;
    }
    slots.bySlot[a.slotIndex] = a.claim;
    if (a.action.type === "redirect" && !slots.redirect) slots.redirect = a.claim;
    const applied: AppliedAction = { journey: j.id, stage, branch: branch!, actionId: a.id, slot: a.slot, action };
    if (choice) applied.offer = choice.offer;
    scope.applied.push(applied);
    applies++;
    if (choice) (scope.offers ??= []).push(choice);
    if (exposure) exposure.actionIds.push(a.id);
    else scope.exposures.push((exposure = { journey: j.id, stage, branch, holdout: false, actionIds: [a.id] }));
  }
  if (holdout) {
    const detail = "control group: counted, shown nothing";
    trace.checks = appended(trace.checks, { check: "holdout", ok: false, detail });
    trace.status = "holdout";
  } else if (applies > 0) trace.status = "applied";
  else if (lost) trace.status = "lost";
  if (trace.checks === NO_CHECKS) trace.checks = [];
  if (trace.actions === NO_ACTIONS) trace.actions = [];
  return trace;
}

/**
 * Where `x` is in `list`, or -1: a plain loop, which the JIT inlines, where indexOf and includes are calls into the
 * runtime (once or twice per journey per decision, on lists of a few short strings).
 */
function indexIn(list: readonly string[], x: string | null): number {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return i;
  return -1;
}

/**
 * `list` with `x` appended. Most trace lists here hold one or two entries: an empty one is replaced by a one-element
 * literal, where a push would first grow it to 17 slots (a cost per journey per decision).
 */
function appended<T>(list: T[], x: T): T[] {
  if (list.length === 0) return [x];
  list.push(x);
  return list;
}

/** Ends a journey's evaluation on a failed journey-level check. (A plain function: closures per call cost.) */
function stop(trace: JourneyTrace, status: JourneyTrace["status"], check: string, detail: string): JourneyTrace {
  trace.checks = appended(trace.checks, { check, ok: false, detail });
  trace.actions = [];
  trace.status = status;
  return trace;
}

/** Stage, branch, mode and conditions of one action; "applied" here means eligible (slots come after). */
function actionTrace(
  a: CompiledAction,
  stageNo: number,
  branch: string | null,
  mode: "page" | "event",
  env: ConditionEnv,
  ctx: RequestContext,
  memo: DecisionScope["memo"],
): ActionTrace {
  const at: ActionTrace = { id: a.id, type: a.action.type, status: "applied" };
  if (a.refused) {
    at.status = "conditions";
    at.detail = a.refused;
    return at;
  }
  if (!a.inStage[stageNo]) {
    at.status = "wrong_stage";
    at.detail = a.details.stage;
    return at;
  }
  if (a.branches && branch !== null && !a.branches.has(branch)) {
    at.status = "wrong_branch";
    at.detail = a.details.branch;
    return at;
  }
  if (mode === "event" && !a.nudge) {
    at.status = "not_live";
    at.detail = "page change: applied on the next page load";
    return at;
  }
  if (a.when) {
    // Most actions have one condition: a literal makes a packed one-element array, `new Array(n)` a holey one.
    let checks: TraceCheck[] = [];
    let ok = true;
    if (a.when.length > 0) {
      const first = checkConditionOnce(a.when[0], env, a.whenLabels[0], a.whenKeys[0], memo);
      checks = [first];
      ok = first.ok;
    }
    for (let i = 1; i < a.when.length; i++) {
      const r = checkConditionOnce(a.when[i], env, a.whenLabels[i], a.whenKeys[i], memo);
      checks.push(r);
      ok &&= r.ok;
    }
    at.checks = checks;
    if (!ok) {
      at.status = "conditions";
      return at;
    }
  }
  if (a.action.type === "redirect" && !isSameSiteUrl(a.action.url, ctx.host)) {
    at.status = "conditions";
    at.detail = `off-site redirect refused: ${a.action.url}`;
  }
  return at;
}

function capCheck(
  j: CompiledJourney,
  js: JourneyState,
  state: VisitorState,
  now: number,
): { check: string; detail: string } | null {
  const { perSession, perDay } = j.caps;
  if (perSession === null && perDay === null) return null;
  const recent = js.recentExposures ?? [];
  if (perSession !== null) {
    let n = 0;
    for (const t of recent) if (t >= state.sessionStartedAt) n++;
    if (n >= perSession) return { check: "cap perSession", detail: `${n} of ${perSession} this session` };
  }
  if (perDay !== null) {
    let n = 0;
    for (const t of recent) if (t > now - DAY_MS) n++;
    if (n >= perDay) return { check: "cap perDay", detail: `${n} of ${perDay} in 24h` };
  }
  return null;
}

function exitDetail(j: CompiledJourney, js: JourneyState): string {
  const how = js.completedAt !== null ? "completed" : js.dismissedAt !== null ? "dismissed" : `exited at ${js.stage}`;
  const { policy, cooldownMs } = j.reentry;
  const again =
    policy === "once"
      ? "no re-entry (once)"
      : policy === "cooldown"
        ? `may re-enter from ${iso(js.exitedAt! + cooldownMs)}`
        : "re-enters on its next transition";
  return `${how}; ${again}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const VIRTUAL: JourneyState = {
  stage: "",
  stageSince: 0,
  enteredAt: 0,
  branch: null,
  holdout: false,
  exposures: 0,
  lastExposedAt: null,
  recentExposures: [],
  dismissedAt: null,
  completedAt: null,
  exitedAt: null,
  version: 0,
};
