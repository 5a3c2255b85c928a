import type { RequestContext } from "../schemas/context.ts";
import type { AppliedAction, Decision, Exposure, JourneyTrace, OfferChoice } from "../schemas/decision.ts";
import type { VisitorState } from "../schemas/state.ts";
import { globallyHeldOut } from "./admission.ts";
import { decideJourney, type DecisionScope, type JourneyOutcome, type SlotClaims } from "./decide-journey.ts";
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
  const outcomes: JourneyOutcome[] = new Array(journeys.length);
  // A previewed journey claims its slots first, so the preview shows it; traces keep priority order.
  const forcedAt = opts.force ? indexOf(rules, opts.force.journey) : -1;
  // The program's control (global holdout) gets nothing; a preview is QA, never held out.
  const scope: DecisionScope = {
    rules,
    heldOut: !opts.force && globallyHeldOut(state.visitorId, opts.globalHoldout),
    memo: new Array(rules.conditionCount),
  };
  if (forcedAt >= 0)
    outcomes[forcedAt] = decideJourney(journeys[forcedAt], state, ctx, opts, slots, lazyValues, env, scope);
  for (let i = 0; i < journeys.length; i++)
    if (i !== forcedAt) outcomes[i] = decideJourney(journeys[i], state, ctx, opts, slots, lazyValues, env, scope);

  const redirectClaim = slots.redirect;
  let redirect: Decision["redirect"] = null;
  const actions: AppliedAction[] = [];
  const exposures: Exposure[] = [];
  const trace: JourneyTrace[] = new Array(outcomes.length);
  let offers: OfferChoice[] | undefined;
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    trace[i] = o.trace;
    if (redirectClaim) {
      dropForRedirect(o, redirectClaim);
      // Every applied redirect claimed slots.redirect: without a claim there is none to look for.
      for (const a of o.applied) {
        actions.push(a);
        if (a.action.type === "redirect" && !redirect) redirect = { url: a.action.url, status: a.action.status };
      }
    } else for (let k = 0; k < o.applied.length; k++) actions.push(o.applied[k]);
    if (o.exposure && (o.exposure.holdout || o.applied.length > 0)) exposures.push(o.exposure);
    // Offers whose action survived (a redirect drops page changes): what the visitor object learns from.
    if (o.offers) for (const c of o.offers) if (o.applied.some((a) => a.actionId === c.action)) (offers ??= []).push(c);
  }
  return { version: rules.version, at: opts.now, actions, exposures, trace, redirect, ...(offers ? { offers } : {}) };
}

/** A redirect means the page is never shown: its changes and nudges lose to it. */
function dropForRedirect(o: JourneyOutcome, claim: { journey: string; actionId: string }): void {
  if (o.applied.length === 0) return;
  const kept = o.applied.filter((a) => a.action.type === "redirect");
  if (kept.length === o.applied.length) return;
  for (const at of o.trace.actions) {
    if (at.status === "applied" && at.type !== "redirect") {
      at.status = "lost_slot";
      at.detail = REDIRECT_WINS;
      at.lostTo = { ...claim };
    }
  }
  o.applied = kept;
  if (o.exposure) o.exposure.actionIds = kept.map((a) => a.actionId);
  if (kept.length === 0 && o.trace.status === "applied") o.trace.status = "lost";
}

function indexOf(rules: CompiledRuleset, id: string): number {
  for (let i = 0; i < rules.journeys.length; i++) if (rules.journeys[i].id === id) return i;
  return -1;
}
