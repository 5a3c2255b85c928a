import type { RequestContext } from "../schemas/context.ts";
import type { VisitorEvent } from "../schemas/event.ts";
import { effectiveMetrics, MAX_METRIC_VALUE, type EffectiveMetric, type Metric } from "../schemas/metric.ts";
import type { StatsEvent } from "../schemas/stats.ts";
import type { VisitorState } from "../schemas/state.ts";
import { globallyHeldOut } from "./admission.ts";
import { dimsOf, packDims, unpackDims } from "./dims.ts";
import { durationMs } from "./duration-ms.ts";
import { metricIncrement, type CompiledMetric } from "./metric-values.ts";

/**
 * The program measurement (issue 16): what all personalization together is worth. With GLOBAL_HOLDOUT above 0, every
 * visitor is enrolled once (at their first event) in a pseudo-journey "__program": the global holdout as its control
 * (branch null, "holdout" in the results) and everyone else as "personalized". Both groups are measured by the site's
 * purchases, so the stats API (GET /__waymark/api/program) compares them like a journey's branch and holdout.
 */
export const PROGRAM_ID = "__program";
/** The group of visitors who get personalization. */
export const PROGRAM_PERSONALIZED = "personalized";
/** The single "stage" program facts are counted under. */
export const PROGRAM_STAGE = "program";

/** The program's metrics: a purchase (conversion, primary) and the revenue of purchases (their `value`). */
export const PROGRAM_METRICS: Metric[] = [
  { id: "purchase", name: "Purchase", kind: "conversion", event: "purchase", role: "primary" },
  { id: "revenue", name: "Revenue", kind: "revenue", event: "purchase", field: "value" },
];

/** The program metrics with their defaults applied (as the results page reads them). */
export const PROGRAM_EFFECTIVE_METRICS: EffectiveMetric[] = effectiveMetrics({ metrics: PROGRAM_METRICS });

const COMPILED: CompiledMetric[] = PROGRAM_EFFECTIVE_METRICS.map((m) => ({
  id: m.id,
  kind: m.kind,
  events: new Set(m.events),
  url: null,
  field: m.field,
  windowMs: durationMs(m.window),
}));

/**
 * Enrols the visitor in the program at their first event while the global holdout is on, then adds the event to
 * the program metrics' values (within their window). Replaces `s.program`, never changes it in place (the state
 * is a shallow copy of the caller's). No global holdout: nothing (no control, so nothing to compare).
 */
export function applyProgram(
  s: VisitorState,
  event: VisitorEvent,
  at: number,
  ctx: RequestContext | undefined,
  globalHoldout: number | undefined,
): void {
  if (!(globalHoldout !== undefined && globalHoldout > 0) && !s.program) return;
  let en = s.program;
  if (!en) {
    const branch = globallyHeldOut(s.visitorId, globalHoldout) ? null : PROGRAM_PERSONALIZED;
    en = s.program = { at, branch, dims: packDims(dimsOf(s, ctx)) };
  }
  let values: Record<string, number> | null = null;
  for (const m of COMPILED) {
    if (at > en.at + m.windowMs) continue;
    const old = (values ?? en.values)?.[m.id] ?? 0;
    const next = Math.min(MAX_METRIC_VALUE, old + metricIncrement(m, event, old, null));
    if (next === old) continue;
    values ??= { ...en.values };
    values[m.id] = next;
  }
  if (values) s.program = { ...en, values };
}

/** The "enroll" and "metric" facts of what a visit did to the program enrolment (as metricFacts for journeys). */
export function programFacts(
  before: VisitorState,
  after: VisitorState,
  version: number,
  now: number,
  out: StatsEvent[],
) {
  const en = after.program;
  const was = before.program;
  if (!en || en === was) return;
  const base = { journey: PROGRAM_ID, version, branch: en.branch, dims: unpackDims(en.dims), stage: PROGRAM_STAGE };
  if (!was) out.push({ kind: "enroll", ...base, at: en.at });
  for (const m of COMPILED) {
    const old = was?.values?.[m.id] ?? 0;
    const value = en.values?.[m.id] ?? 0;
    if (value === old) continue;
    out.push({ kind: "metric", ...base, at: now, metric: m.id, delta: value - old, delta2: value * value - old * old });
  }
}
