import { parseDuration } from "../../src/schemas/duration.ts";
import type { RequestContext } from "../../src/schemas/context.ts";
import type { JourneyState, VisitorState } from "../../src/schemas/state.ts";
import { newVisitorState } from "../../src/engine/new-visitor-state.ts";
import contract from "../fixtures/contract-journey.json";

/** Time zero of every case: offsets like "30m" in the tables are relative to it. */
export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

const fixtures: Record<string, unknown> = {
  contract,
};

/** A journey from a table: an inline object, "@contract", or {"$extends": "contract", ...overrides}. */
export function journeyFrom(spec: unknown): unknown {
  if (typeof spec === "string" && spec.startsWith("@")) return structuredClone(fixtures[spec.slice(1)]);
  if (spec && typeof spec === "object" && "$extends" in spec) {
    const { $extends, ...rest } = spec as { $extends: string } & Record<string, unknown>;
    return { ...(structuredClone(fixtures[$extends]) as object), ...rest };
  }
  return spec;
}

/** Milliseconds for an offset: a number, a duration ("30m"), or a sum ("1d+30m"). */
export function offsetMs(v: number | string | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  return v.split("+").reduce((sum, part) => sum + parseDuration(part.trim()), 0);
}

/** Replaces "@<offset>" strings anywhere in a value by T0 + offset, so tables can state exact times. */
export function resolveTimes<T>(v: T): T {
  if (typeof v === "string" && v.startsWith("@")) return (T0 + offsetMs(v.slice(1))) as T;
  if (Array.isArray(v)) return v.map(resolveTimes) as T;
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveTimes(x)])) as T;
  return v;
}

export function ctxFrom(partial: Partial<RequestContext> = {}): RequestContext {
  return {
    path: "/",
    query: {},
    referrer: null,
    device: "desktop",
    country: "FR",
    cookies: {},
    host: "shop.example",
    ...partial,
  };
}

/** A visitor: newVisitorState at T0 with the table's overrides merged in (one level deep, times resolved). */
export function stateFrom(overrides: Record<string, unknown> = {}, visitorId = "v0"): VisitorState {
  const base = newVisitorState(visitorId, T0) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(resolveTimes(overrides))) {
    if (k === "journeys") {
      const journeys = v as Record<string, Partial<JourneyState>>;
      base.journeys = Object.fromEntries(Object.entries(journeys).map(([id, js]) => [id, journeyStateFrom(js)]));
      continue;
    }
    const cur = base[k];
    base[k] =
      cur && typeof cur === "object" && !Array.isArray(cur) && v && typeof v === "object" && !Array.isArray(v)
        ? { ...cur, ...v }
        : v;
  }
  return base as unknown as VisitorState;
}

/** A stored journey state from a partial one (times already resolved): entered at T0 in branch "discount". */
export function journeyStateFrom(js: Partial<JourneyState>): JourneyState {
  return {
    stage: "browsing",
    stageSince: T0,
    enteredAt: T0,
    branch: "discount",
    holdout: false,
    exposures: 0,
    lastExposedAt: null,
    recentExposures: [],
    dismissedAt: null,
    completedAt: null,
    exitedAt: null,
    version: 1,
    ...js,
  };
}
