import {
  advanceTime,
  applyEvent,
  decide,
  newVisitorState,
  recordExposures,
  type CompiledRuleset,
  type Decision,
  type RequestContext,
  type StageChange,
  type VisitorState,
} from "@waymark/shared";
import { describeStep, pageContext, stepEvent, stepIssues, waitMs, type TimelineStep } from "./timeline.ts";

export interface JourneySnapshot {
  journey: string;
  stage: string;
  branch: string | null;
  holdout: boolean;
  done: boolean;
}

/** What the simulated visitor has and sees after one step. */
export interface SimFrame {
  label: string;
  at: number;
  /** "page": the page they asked for; "event": nudges shown at once; "wait"/"later": if they loaded the page now. */
  seen: "page" | "event" | "if-loaded";
  ctx: RequestContext;
  changes: StageChange[];
  decision: Decision | null;
  journeys: JourneySnapshot[];
  cart: { count: number; value: number };
  error?: string;
}

export interface SimOptions {
  visitorId: string;
  start: number;
  host: string;
  /** How far past the last step "later" looks, in ms (the "in 30 minutes" view). */
  lookaheadMs: number;
}

/** A small seeded PRNG (mulberry32) so a simulation gives the same answer every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const snapshot = (s: VisitorState): JourneySnapshot[] =>
  Object.entries(s.journeys).map(([journey, j]) => ({
    journey,
    stage: j.stage,
    branch: j.branch,
    holdout: j.holdout,
    done: j.exitedAt !== null || j.completedAt !== null,
  }));

/**
 * Runs a visitor timeline through the shared engine the way the edge does: a page step records a page view
 * and decides the page (counting exposures, so caps hold); an event step decides the nudges shown at once;
 * a wait advances time ("after" transitions) and shows what a page load would get then. `later` looks
 * `lookaheadMs` past the last step without changing anything.
 */
export function simulate(rules: CompiledRuleset, steps: readonly TimelineStep[], opts: SimOptions) {
  const random = seeded(opts.start % 2_147_483_647);
  let state = newVisitorState(opts.visitorId, opts.start);
  let now = opts.start;
  let ctx: RequestContext = pageContext(
    { kind: "page", path: "/", device: "desktop", country: "", referrer: "" },
    opts.host,
  );
  const frames: SimFrame[] = [];
  const frame = (
    label: string,
    seen: SimFrame["seen"],
    changes: StageChange[],
    decision: Decision | null,
  ): SimFrame => ({
    label,
    at: now,
    seen,
    ctx,
    changes,
    decision,
    journeys: snapshot(state),
    cart: { count: state.cart.count, value: state.cart.value },
  });

  for (const step of steps) {
    const label = describeStep(step);
    const issues = Object.values(stepIssues(step));
    if (issues.length) {
      frames.push({ ...frame(label, "if-loaded", [], null), error: issues.join("; ") });
      break;
    }
    try {
      if (step.kind === "page") {
        now += 1_000;
        ctx = pageContext(step, opts.host);
        const adv = applyEvent(state, { type: "page_view", data: { path: ctx.path } }, rules, { now, random, ctx });
        state = adv.state;
        const decision = decide(state, rules, ctx, { now, mode: "page", random });
        state = recordExposures(state, decision, now);
        frames.push(frame(label, "page", adv.changes, decision));
      } else if (step.kind === "event") {
        now += 1_000;
        const adv = applyEvent(state, stepEvent(step)!, rules, { now, random, ctx });
        state = adv.state;
        const decision = decide(state, rules, ctx, { now, mode: "event", random });
        state = recordExposures(state, decision, now);
        frames.push(frame(label, "event", adv.changes, decision));
      } else {
        now += waitMs(step);
        const adv = advanceTime(state, rules, now);
        state = adv.state;
        frames.push(frame(label, "if-loaded", adv.changes, decide(state, rules, ctx, { now, mode: "page", random })));
      }
    } catch (err) {
      frames.push({ ...frame(label, "if-loaded", [], null), error: err instanceof Error ? err.message : String(err) });
      break;
    }
  }

  const live = state;
  const liveNow = now;
  now += opts.lookaheadMs;
  let later: SimFrame;
  try {
    const adv = advanceTime(live, rules, now);
    state = adv.state;
    later = frame("later", "if-loaded", adv.changes, decide(state, rules, ctx, { now, mode: "page", random }));
  } catch (err) {
    later = { ...frame("later", "if-loaded", [], null), error: err instanceof Error ? err.message : String(err) };
  }
  return { frames, later, end: liveNow };
}
