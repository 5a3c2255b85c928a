import type { RequestContext } from "../schemas/context.ts";
import type { AppliedAction, Decision, Exposure, JourneyTrace, OfferChoice } from "../schemas/decision.ts";
import type { VisitorState } from "../schemas/state.ts";
import { globallyHeldOut } from "./admission.ts";
import { decideJourney, type DecisionScope, type SlotClaims } from "./decide-journey.ts";
import type { CompiledRuleset, ConditionEnv, DecideOptions, LazyValues } from "./types.ts";

const REDIRECT_WINS = "a redirect wins over page changes";

/**
 * What a request gets: per journey in priority order, the checks (pause, schedule, global holdout, group and traffic
 * share of journeys not entered yet, audience, exit, holdout, dismissal, caps)
 * and then its actions (stage, branch, mode, conditions, slot arbitration), with templates rendered and a trace of
 * every check. Pure: journeys the visitor has not entered yet are evaluated as if at their start stage, without
 * touching `state` (callers apply the page_view with applyEvent first, then decide, then recordExposures).
 */
export function decide(
  state: VisitorState,
  rules: CompiledRuleset,
  ctx: RequestContext,
  opts: DecideOptions,
): Decision {
  const journeys = rules.journeys;
  const slots: SlotClaims = { bySlot: new Array(rules.slotCount), redirect: null };
  const lazyValues: LazyValues = { state, values: null };
  const env: ConditionEnv = {
    ctx,
    state,
    journeyState: undefined,
    now: opts.now,
    halfLifeMs: opts.halfLifeMs,
    audiences: rules.audiences,
  };
  // A previewed journey claims its slots first, so the preview shows it; traces keep priority order.
  const forcedAt = opts.force ? indexOf(rules, opts.force.journey) : -1;
  // The program's control (global holdout) gets nothing; a preview is QA, never held out.
  const scope: DecisionScope = {
    rules,
    heldOut: !opts.force && globallyHeldOut(state.visitorId, opts.globalHoldout),
    memo: new Array(rules.conditionCount),
    applied: [],
    exposures: [],
    offers: undefined,
  };
  const n = journeys.length;
  const trace: JourneyTrace[] = new Array(n);
  // Where each journey's part of the scope's lists ends (applied, exposures, offers: 3 per journey), for regrouping.
  const ends: number[] = new Array(3 * n);
  if (forcedAt >= 0) decideAt(forcedAt, journeys, state, ctx, opts, slots, lazyValues, env, scope, trace, ends);
  for (let i = 0; i < n; i++)
    if (i !== forcedAt) decideAt(i, journeys, state, ctx, opts, slots, lazyValues, env, scope, trace, ends);

  const redirectClaim = slots.redirect;
  // Journeys were decided in priority order and nothing was dropped: the scope's lists are the decision's.
  if (forcedAt < 0 && !redirectClaim) {
    const { applied: actions, exposures, offers } = scope;
    return {
      version: rules.version,
      at: opts.now,
      actions,
      exposures,
      trace,
      redirect: null,
      ...(offers ? { offers } : {}),
    };
  }
  let redirect: Decision["redirect"] = null;
  const actions: AppliedAction[] = [];
  const exposures: Exposure[] = [];
  let offers: OfferChoice[] | undefined;
  for (let i = 0; i < n; i++) {
    let applied = scope.applied.slice(startOf(ends, i, 0, forcedAt), ends[3 * i]);
    const e = startOf(ends, i, 1, forcedAt);
    const exposure = e < ends[3 * i + 1] ? scope.exposures[e] : null;
    if (redirectClaim) applied = dropForRedirect(trace[i], applied, exposure, redirectClaim);
    for (const a of applied) {
      actions.push(a);
      if (a.action.type === "redirect" && !redirect) redirect = { url: a.action.url, status: a.action.status };
    }
    if (exposure && (exposure.holdout || applied.length > 0)) exposures.push(exposure);
    // Offers whose action survived (a redirect drops page changes): what the visitor object learns from.
    for (let k = startOf(ends, i, 2, forcedAt); k < ends[3 * i + 2]; k++) {
      const c = scope.offers![k];
      if (applied.some((a) => a.actionId === c.action)) (offers ??= []).push(c);
    }
  }
  return { version: rules.version, at: opts.now, actions, exposures, trace, redirect, ...(offers ? { offers } : {}) };
}

/** Decides journey `i` into `trace` and notes where its part of the scope's lists ends. */
function decideAt(
  i: number,
  journeys: CompiledRuleset["journeys"],
  state: VisitorState,
  ctx: RequestContext,
  opts: DecideOptions,
  slots: SlotClaims,
  values: LazyValues,
  env: ConditionEnv,
  scope: DecisionScope,
  trace: JourneyTrace[],
  ends: number[],
): void {
  trace[i] = decideJourney(journeys[i], state, ctx, opts, slots, values, env, scope);
  ends[3 * i] = scope.applied.length;
  ends[3 * i + 1] = scope.exposures.length;
  ends[3 * i + 2] = scope.offers ? scope.offers.length : 0;
}

/**
 * Where journey `i`'s part of list `list` (0 applied, 1 exposures, 2 offers) starts: where the journey decided
 * before it ended (the previewed one comes first, then the others in order).
 */
function startOf(ends: readonly number[], i: number, list: number, forcedAt: number): number {
  if (i === forcedAt) return 0;
  let k = i - 1;
  if (k === forcedAt) k--;
  if (k >= 0) return ends[3 * k + list];
  return forcedAt >= 0 ? ends[3 * forcedAt + list] : 0;
}

/** A redirect means the page is never shown: its changes and nudges lose to it. Returns what the journey keeps. */
function dropForRedirect(
  trace: JourneyTrace,
  applied: AppliedAction[],
  exposure: Exposure | null,
  claim: { journey: string; actionId: string },
): AppliedAction[] {
  if (applied.length === 0) return applied;
  const kept = applied.filter((a) => a.action.type === "redirect");
  if (kept.length === applied.length) return applied;
  for (const at of trace.actions) {
    if (at.status === "applied" && at.type !== "redirect") {
      at.status = "lost_slot";
      at.detail = REDIRECT_WINS;
      at.lostTo = { ...claim };
    }
  }
  if (exposure) exposure.actionIds = kept.map((a) => a.actionId);
  if (kept.length === 0 && trace.status === "applied") trace.status = "lost";
  return kept;
}

function indexOf(rules: CompiledRuleset, id: string): number {
  for (let i = 0; i < rules.journeys.length; i++) if (rules.journeys[i].id === id) return i;
  return -1;
}
