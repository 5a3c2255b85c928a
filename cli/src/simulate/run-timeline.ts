import {
  compileRuleset,
  eventBatch,
  newVisitorState,
  pageView,
  seededRandom,
  timePasses,
  type StageChange,
  type Visit,
} from "@waymark/shared/engine/index.ts";
import type { RequestContext } from "@waymark/shared/schemas/context.ts";
import type { AppliedAction, JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { parseDuration } from "@waymark/shared/schemas/duration.ts";
import type { Audience } from "@waymark/shared/schemas/audience.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { SimulatedRequest, Timeline, TimelineStep } from "@waymark/shared/schemas/timeline.ts";
import type { VisitorState } from "@waymark/shared/schemas/state.ts";

/** Reproducible by default: the same timeline gives the same output on every machine and day. */
export const DEFAULT_START = Date.parse("2025-01-01T00:00:00Z");

export interface StandingIn {
  journey: string;
  stage: string;
  branch: string | null;
  holdout: boolean;
  /** Times the visitor was shown this journey (the count caps are checked against). */
  exposures: number;
  exited: boolean;
  /** The visitor's running value of each of the journey's metrics that is not 0 (issue 14), by metric id. */
  metrics: Record<string, number>;
}

export interface SimulatedStep {
  index: number;
  kind: "page" | "event" | "wait";
  /** The path, the event type or the duration. */
  what: string;
  label?: string;
  /** Simulated time after the step, ms since epoch. */
  at: number;
  changes: StageChange[];
  /** What the visitor sees because of this step: page changes and nudges (page), nudges shown at once (event). */
  shows: AppliedAction[];
  redirect: { url: string; status: number } | null;
  /** Why each journey did or did not act (page and event steps). */
  trace: JourneyTrace[];
  /** Where the visitor stands in every journey after the step. */
  standing: StandingIn[];
}

/**
 * Runs a visitor timeline through the visit functions the visitor's Durable Object calls: a page step records
 * a page view and decides in page mode, an event step records the event and shows the nudges of journeys it moved, a wait
 * step applies the "after" transitions that fall due (what the alarm does). Pure: no clock, no I/O.
 */
export function runTimeline(timeline: Timeline, journeys: Journey[], audiences: Audience[] = []): SimulatedStep[] {
  const start = timeline.start === undefined ? DEFAULT_START : new Date(timeline.start).getTime();
  const rules = compileRuleset({ version: 1, journeys, audiences });
  // Only Thompson sampling draws from it, and it must repeat across runs.
  const random = seededRandom(timeline.visitorId);
  let state: VisitorState = newVisitorState(timeline.visitorId, start);
  let now = start;
  let lastCtx = requestContext("/", timeline.request, undefined);
  const globalHoldout = timeline.globalHoldout;
  return timeline.steps.map((step, index): SimulatedStep => {
    const base = { index: index + 1, label: step.label };
    if ("wait" in step) {
      now += parseDuration(step.wait);
      const visit = timePasses(state, rules, now);
      state = visit.state;
      return {
        ...base,
        kind: "wait",
        what: step.wait,
        at: now,
        changes: visit.changes,
        shows: [],
        redirect: null,
        trace: [],
        standing: standing(state),
      };
    }
    let visit: Visit;
    if ("page" in step) {
      lastCtx = requestContext(step.page, timeline.request, step);
      visit = pageView(state, rules, lastCtx, { now, force: timeline.force, random, globalHoldout });
    } else {
      const event = { type: step.event, ...(step.data ? { data: step.data } : {}) };
      visit = eventBatch(state, rules, [event], { now, ctx: lastCtx, force: timeline.force, random, globalHoldout });
    }
    state = visit.state;
    return {
      ...base,
      kind: "page" in step ? "page" : "event",
      what: "page" in step ? step.page : step.event,
      at: now,
      changes: visit.changes,
      shows: visit.decision?.actions ?? [],
      redirect: visit.decision?.redirect ?? null,
      trace: visit.decision?.trace ?? [],
      standing: standing(state),
    };
  });
}

function requestContext(
  page: string,
  defaults: SimulatedRequest | undefined,
  step: Extract<TimelineStep, { page: string }> | undefined,
): RequestContext {
  const host = step?.host ?? defaults?.host ?? "shop.example";
  const url = new URL(page, `https://${host}`);
  return {
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    referrer: step?.referrer ?? defaults?.referrer ?? null,
    device: step?.device ?? defaults?.device ?? "desktop",
    country: step?.country ?? defaults?.country ?? null,
    cookies: { ...defaults?.cookies, ...step?.cookies },
    host: url.host,
  };
}

function standing(state: VisitorState): StandingIn[] {
  return Object.entries(state.journeys)
    .map(([journey, js]) => ({
      journey,
      stage: js.stage,
      branch: js.branch,
      holdout: js.holdout,
      exposures: js.exposures,
      exited: js.exitedAt !== null,
      metrics: { ...js.enrolment?.values },
    }))
    .sort((a, b) => a.journey.localeCompare(b.journey));
}
