import {
  advanceTime,
  applyEvent,
  compileRuleset,
  decide,
  newVisitorState,
  recordExposures,
  type StageChange,
} from "@waymark/shared/engine/index.ts";
import type { RequestContext } from "@waymark/shared/schemas/context.ts";
import type { AppliedAction, JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { parseDuration } from "@waymark/shared/schemas/duration.ts";
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
  exited: boolean;
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
 * Runs the shared engine over a visitor timeline exactly as the visitor's Durable Object would: a page step records
 * a page view and decides in page mode, an event step records the event and decides in event mode (nudges), a wait
 * step applies the "after" transitions that fall due (what the alarm does). Pure: no clock, no I/O.
 */
export function runTimeline(timeline: Timeline, journeys: Journey[]): SimulatedStep[] {
  const start = timeline.start === undefined ? DEFAULT_START : new Date(timeline.start).getTime();
  const rules = compileRuleset({ version: 1, journeys });
  const random = seededRandom(timeline.visitorId);
  let state: VisitorState = newVisitorState(timeline.visitorId, start);
  let now = start;
  let lastCtx = requestContext("/", timeline.request, undefined);
  return timeline.steps.map((step, index): SimulatedStep => {
    const base = { index: index + 1, label: step.label };
    if ("wait" in step) {
      now += parseDuration(step.wait);
      const adv = advanceTime(state, rules, now);
      state = adv.state;
      return {
        ...base,
        kind: "wait",
        what: step.wait,
        at: now,
        changes: adv.changes,
        shows: [],
        redirect: null,
        trace: [],
        standing: standing(state),
      };
    }
    const isPage = "page" in step;
    if (isPage) lastCtx = requestContext(step.page, timeline.request, step);
    const event = isPage
      ? { type: "page_view", data: { path: lastCtx.path } }
      : { type: step.event, ...(step.data ? { data: step.data } : {}) };
    const adv = applyEvent(state, event, rules, { now, random, ctx: lastCtx });
    const decision = decide(adv.state, rules, lastCtx, {
      now,
      mode: isPage ? "page" : "event",
      force: timeline.force,
      random,
    });
    state = recordExposures(adv.state, decision, now);
    return {
      ...base,
      kind: isPage ? "page" : "event",
      what: isPage ? step.page : step.event,
      at: now,
      changes: adv.changes,
      shows: decision.actions,
      redirect: decision.redirect,
      trace: decision.trace,
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
      exited: js.exitedAt !== null,
    }))
    .sort((a, b) => a.journey.localeCompare(b.journey));
}

/** mulberry32 seeded from the visitor id: only Thompson sampling draws from it, and it must repeat across runs. */
function seededRandom(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
