import {
  eventBatch,
  newVisitorState,
  pageView,
  seededRandom,
  timePasses,
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
  /** Times the visitor was shown this journey (the count caps are checked against). */
  exposures: number;
  done: boolean;
  /** The visitor's running value of each of the journey's metrics that is not 0 (issue 14), by metric id. */
  metrics: Record<string, number>;
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
  /** GLOBAL_HOLDOUT to simulate (0..1; default 0): a held-out visitor id gets no journey. */
  globalHoldout?: number;
}

const snapshot = (s: VisitorState): JourneySnapshot[] =>
  Object.entries(s.journeys).map(([journey, j]) => ({
    journey,
    stage: j.stage,
    branch: j.branch,
    holdout: j.holdout,
    exposures: j.exposures,
    done: j.exitedAt !== null || j.completedAt !== null,
    metrics: { ...j.enrolment?.values },
  }));

/**
 * Runs a visitor timeline through the shared engine the way the edge does: a page step records a page view
 * and decides the page (counting exposures, so caps hold); an event step decides the nudges shown at once;
 * a wait advances time ("after" transitions) and shows what a page load would get then. `later` looks
 * `lookaheadMs` past the last step without changing anything.
 */
export function simulate(rules: CompiledRuleset, steps: readonly TimelineStep[], opts: SimOptions) {
  const random = seededRandom(opts.start % 2_147_483_647);
  let state = newVisitorState(opts.visitorId, opts.start);
  let now = opts.start;
  let ctx: RequestContext = pageContext(
    { kind: "page", path: "/", device: "desktop", country: "", referrer: "" },
    opts.host,
  );
  const frames: SimFrame[] = [];
  // What a page load would get now, without keeping it (the simulated visitor has not loaded a page).
  const globalHoldout = opts.globalHoldout;
  const ifLoaded = (s: VisitorState) => pageView(s, rules, ctx, { now, random, globalHoldout }).decision;
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
        ctx = pageContext(step, opts.host);
        const visit = pageView(state, rules, ctx, { now, random, globalHoldout });
        state = visit.state;
        frames.push(frame(label, "page", visit.changes, visit.decision));
      } else if (step.kind === "event") {
        const visit = eventBatch(state, rules, [stepEvent(step)!], { now, random, ctx, globalHoldout });
        state = visit.state;
        frames.push(frame(label, "event", visit.changes, visit.decision));
      } else {
        now += waitMs(step);
        const visit = timePasses(state, rules, now);
        state = visit.state;
        frames.push(frame(label, "if-loaded", visit.changes, ifLoaded(state)));
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
    const visit = timePasses(live, rules, now);
    state = visit.state;
    later = frame("later", "if-loaded", visit.changes, ifLoaded(state));
  } catch (err) {
    later = { ...frame("later", "if-loaded", [], null), error: err instanceof Error ? err.message : String(err) };
  }
  return { frames, later, end: liveNow };
}
