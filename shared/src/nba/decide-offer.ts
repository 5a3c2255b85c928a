import type { Action } from "../schemas/action.ts";
import type { RequestContext } from "../schemas/context.ts";
import type { OfferCandidateTrace, OfferChoice, OfferTrace, TraceCheck } from "../schemas/decision.ts";
import type { OfferMemory, VisitorState } from "../schemas/state.ts";
import { checkCondition } from "../engine/eval-condition.ts";
import type { ConditionEnv, DecideOptions } from "../engine/types.ts";
import { scoreOffer, topFeatures } from "./choose-offer.ts";
import type { CompiledOffer, CompiledOfferPoint } from "./compile-offer-point.ts";
import { offerFeatures, type FeatureVector } from "./feature-vector.ts";

const DAY_MS = 86_400_000;

/** What an offer decision point shows: the chosen offer's content (null: none eligible), what to learn, the trace. */
export interface OfferDecision {
  content: Action | null;
  choice: OfferChoice | null;
  trace: OfferTrace;
}

/**
 * Chooses the offer of one decision point for one visitor. Eligibility first (the offer's conditions, a weight
 * above 0, its caps): the model only ranks what is eligible. An offer shown earlier whose attribution window is still
 * open is kept (the visitor sees one offer per window, and the example stays clean); otherwise the highest
 * sampled propensity x value x weight wins (Thompson sampling on the decision point's model, or the prior).
 */
export function decideOffer(
  point: CompiledOfferPoint,
  journey: string,
  action: string,
  stage: string,
  state: VisitorState,
  ctx: RequestContext | undefined,
  opts: DecideOptions,
  env: ConditionEnv,
): OfferDecision {
  const consent = opts.storedFeatures !== false;
  const memory = consent ? state.journeys[journey]?.offers?.[action] : undefined;
  const x = offerFeatures({ state, ctx, stage, now: opts.now, consent, halfLifeMs: opts.halfLifeMs });
  const model = opts.models?.[point.key];
  const random = opts.random ?? Math.random;
  const candidates: OfferCandidateTrace[] = [];
  let best: CompiledOffer | null = null;
  let bestScore = -1;
  let kept: CompiledOffer | null = null;
  for (const o of point.offers) {
    const c: OfferCandidateTrace = { id: o.id, eligible: false, value: o.value, weight: o.weight };
    candidates.push(c);
    if (!eligible(o, c, memory, state, opts.now, env)) continue;
    const post = model?.offers[o.id];
    const s = scoreOffer(post, x, o.value, o.weight, random);
    c.propensity = round(s.propensity);
    c.sampled = round(s.sampled);
    c.score = round(s.score);
    c.top = topFeatures(post, x);
    if (memory && memory.offer === o.id && memory.until > opts.now) kept = o;
    if (s.score > bestScore) {
      bestScore = s.score;
      best = o;
    }
  }
  const chosen = kept ?? best;
  const trace: OfferTrace = {
    model: point.key,
    modelVersion: model?.version ?? 0,
    objective: point.objective,
    features: consent ? "full" : "request",
    chosen: chosen?.id ?? null,
    how: kept ? "kept" : chosen ? "sampled" : "none",
    candidates,
  };
  if (!chosen) return { content: null, choice: null, trace };
  if (kept) {
    const c = candidates.find((k) => k.id === kept.id)!;
    c.detail = `shown since ${iso(memory!.at)}; kept until its attribution window ends (${iso(memory!.until)})`;
  }
  const choice: OfferChoice = {
    journey,
    action,
    model: point.key,
    offer: chosen.id,
    objective: point.objective,
    until: kept ? memory!.until : opts.now + point.attributionMs,
    kept: kept !== null,
    idx: x.idx,
    val: x.val,
    segment: segmentOf(x),
  };
  return { content: chosen.content, choice, trace };
}

/** The offer's conditions, weight and caps, written into its trace entry. */
function eligible(
  o: CompiledOffer,
  c: OfferCandidateTrace,
  memory: OfferMemory | undefined,
  state: VisitorState,
  now: number,
  env: ConditionEnv,
): boolean {
  if (o.weight === 0) {
    c.detail = "weight 0: never shown";
    return false;
  }
  if (o.when) {
    const checks: TraceCheck[] = [];
    let ok = true;
    for (let i = 0; i < o.when.length; i++) {
      const r = checkCondition(o.when[i], env, o.whenLabels[i]);
      checks.push(r);
      ok &&= r.ok;
    }
    c.checks = checks;
    if (!ok) {
      c.detail = "conditions";
      return false;
    }
  }
  const shows = memory?.shows[o.id];
  if (shows && (o.perSession !== null || o.perDay !== null)) {
    let session = 0;
    let day = 0;
    for (const t of shows) {
      if (t >= state.sessionStartedAt) session++;
      if (t > now - DAY_MS) day++;
    }
    if (o.perSession !== null && session >= o.perSession) {
      c.detail = `cap perSession: ${session} of ${o.perSession} this session`;
      return false;
    }
    if (o.perDay !== null && day >= o.perDay) {
      c.detail = `cap perDay: ${day} of ${o.perDay} in 24h`;
      return false;
    }
  }
  c.eligible = true;
  return true;
}

/** The segments the dashboard breaks an offer's results down by, read off the features. */
function segmentOf(x: FeatureVector): OfferChoice["segment"] {
  const seg = { device: "desktop", source: "direct", interest: "unknown" };
  for (const n of x.names) {
    if (n.startsWith("device=")) seg.device = n.slice(7);
    else if (n.startsWith("source=")) seg.source = n.slice(7);
    else if (n.startsWith("interest=") && seg.interest === "unknown") seg.interest = n.slice(9);
  }
  return seg;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
