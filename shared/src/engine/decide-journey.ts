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
}

export interface JourneyOutcome {
  trace: JourneyTrace;
  applied: AppliedAction[];
  exposure: Exposure | null;
  /** Offers chosen by this journey's offer decision points (issue 18). */
  offers?: OfferChoice[];
}

const DAY_MS = 86_400_000;

/**
 * One journey's part of a decision: journey-level checks, then each action. Claims slots as actions apply.
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
): JourneyOutcome {
  const forced = opts.force?.journey === j.id ? opts.force : undefined;
  const stored: JourneyState | undefined = state.journeys[j.id];
  // The stage's number (CompiledJourney.stageList): actions check their stage by it. A stage gone from the rules
  // counts as the start stage.
  let stageNo = stored ? j.stageList.indexOf(stored.stage) : -1;
  let stage = stageNo >= 0 ? stored!.stage : j.start;
  if (stageNo < 0) stageNo = j.startNo;
  let branch: string | null;
  let holdout: boolean;
  if (stored && (stored.holdout ? j.holdout > 0 : j.branchList.includes(stored.branch!))) {
    branch = stored.branch;
    holdout = stored.holdout;
  } else {
    ({ branch, holdout } = assignBranch(state.visitorId, j, opts.random, opts.banditStats?.[j.id]));
  }
  const checks: TraceCheck[] = [];
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
    actions: [],
  };
  if (forced) trace.forced = true;
  const out: JourneyOutcome = { trace, applied: [], exposure: null };

  if (j.paused) {
    if (!forced) return stop(out, "paused", "paused", "journey is paused");
    trace.checks = appended(trace.checks, { check: "paused", ok: true, detail: "paused, shown for preview" });
  }
  const outside = scheduleRefusal(j, opts.now);
  if (outside) {
    if (!forced) return stop(out, opts.now < j.scheduleStartMs! ? "scheduled" : "ended", outside.check, outside.detail);
    const detail = `${outside.detail}, shown for preview`;
    trace.checks = appended(trace.checks, { check: outside.check, ok: true, detail });
  }
  if (!forced) {
    if (scope.heldOut)
      return stop(out, "not_enrolled", "global holdout", "global holdout: the program's control gets no journey");
    // Not entered: admitted ones are decided as if at their start stage; the others are not in the journey.
    const refused = stored ? null : admission(state, j, scope.rules, opts.now);
    if (refused) return stop(out, "not_enrolled", refused.check, refused.detail);
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
      return out;
    }
  }
  if (!forced && stored) {
    if (stored.exitedAt !== null) return stop(out, "exited", "exited", exitDetail(j, stored));
    if (!holdout && stored.dismissedAt !== null && j.caps.dismissCooldownMs !== null) {
      const until = stored.dismissedAt + j.caps.dismissCooldownMs;
      if (opts.now < until) return stop(out, "dismissed", "dismissed", `dismissed; quiet until ${iso(until)}`);
    }
    const capped = capCheck(j, stored, state, opts.now);
    if (capped) return stop(out, "capped", capped.check, capped.detail);
  }

  const branchForActions = holdout ? null : branch;
  let lost = false;
  for (const a of j.actions) {
    const at = actionTrace(a, stageNo, branchForActions, opts.mode, env, ctx, scope.memo);
    trace.actions = appended(trace.actions, at);
    if (at.status !== "applied") continue;
    if (holdout) {
      at.status = "not_live";
      at.detail = "holdout: would apply, control group sees nothing";
      if (out.exposure) out.exposure.actionIds.push(a.id);
      else out.exposure = { journey: j.id, stage, branch: null, holdout: true, actionIds: [a.id] };
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
    out.applied = appended(out.applied, applied);
    if (choice) (out.offers ??= []).push(choice);
    if (out.exposure) out.exposure.actionIds.push(a.id);
    else out.exposure = { journey: j.id, stage, branch, holdout: false, actionIds: [a.id] };
  }
  if (holdout) {
    const detail = "control group: counted, shown nothing";
    trace.checks = appended(trace.checks, { check: "holdout", ok: false, detail });
    trace.status = "holdout";
  } else if (out.applied.length > 0) trace.status = "applied";
  else if (lost) trace.status = "lost";
  return out;
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
function stop(out: JourneyOutcome, status: JourneyTrace["status"], check: string, detail: string): JourneyOutcome {
  out.trace.checks = appended(out.trace.checks, { check, ok: false, detail });
  out.trace.status = status;
  return out;
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
    const checks: TraceCheck[] = new Array(a.when.length);
    let ok = true;
    for (let i = 0; i < a.when.length; i++) {
      const r = checkConditionOnce(a.when[i], env, a.whenLabels[i], a.whenKeys[i], memo);
      checks[i] = r;
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
