import type { RequestContext } from "../schemas/context.ts";
import type { VisitorEvent } from "../schemas/event.ts";
import {
  effectiveMetrics,
  MAX_METRIC_VALUE,
  MAX_REVENUE_PER_EVENT,
  type EffectiveMetric,
  type MetricKind,
} from "../schemas/metric.ts";
import type { Enrolment, JourneyState, VisitorState } from "../schemas/state.ts";
import { dimsOf, packDims } from "./dims.ts";
import { durationMs } from "./duration-ms.ts";
import { compileGlob, MAX_GLOB_SUBJECT_LENGTH, type CompiledGlob } from "./match-glob.ts";
import type { CompiledJourney } from "./types.ts";

/** A metric ready for the event loop: event types as a set, the url glob compiled, the window in ms. */
export interface CompiledMetric {
  id: string;
  kind: MetricKind;
  events: ReadonlySet<string>;
  url: CompiledGlob | null;
  field: string | null;
  windowMs: number;
}

// Per compiled journey (one per ruleset version): every event of every visitor asks for the same list.
const compiled = new WeakMap<CompiledJourney, CompiledMetric[]>();

/** The journey's effective metrics, compiled once per ruleset. */
export function compiledMetrics(j: CompiledJourney): CompiledMetric[] {
  let list = compiled.get(j);
  if (!list) {
    list = effectiveMetrics(j.journey).map((m: EffectiveMetric) => ({
      id: m.id,
      kind: m.kind,
      events: new Set(m.events),
      url: m.url === null ? null : compileGlob(m.url),
      field: m.field,
      windowMs: durationMs(m.window),
    }));
    compiled.set(j, list);
  }
  return list;
}

/** The enrolment of a visitor entering a journey for the first time: now, their group and dims. */
export function enrolmentOf(s: VisitorState, js: JourneyState, at: number, ctx: RequestContext | undefined): Enrolment {
  return { at, branch: js.holdout ? null : js.branch, dims: packDims(dimsOf(s, ctx)) };
}

/**
 * How much an event adds to a metric of a visitor whose value is `old`: 0 when it does not count. Page views count
 * for url metrics when their path matches. Revenue reads a finite number from the event's `field`, clamped to
 * 0..MAX_REVENUE_PER_EVENT (browsers can send anything; the backend's events are the trustworthy source).
 */
export function metricIncrement(m: CompiledMetric, event: VisitorEvent, old: number, path: string | null): number {
  if (m.url) {
    if (event.type !== "page_view" || path === null || path.length > MAX_GLOB_SUBJECT_LENGTH || !m.url.test(path))
      return 0;
  } else if (!m.events.has(event.type)) return 0;
  if (m.kind === "conversion") return old > 0 ? 0 : 1;
  if (m.kind === "count") return 1;
  const raw = event.data?.[m.field!];
  if (typeof raw !== "number" || !Number.isFinite(raw)) return 0;
  return Math.min(MAX_REVENUE_PER_EVENT, Math.max(0, raw));
}

/**
 * Applies one event to the visitor's metric values in one journey (a copied journey state: its enrolment object is
 * replaced, never changed in place). Only events within each metric's window after enrolment count; values stay in
 * 0..MAX_METRIC_VALUE. Values of metrics no longer in the journey are dropped when the values change.
 */
export function applyMetrics(
  j: CompiledJourney,
  js: JourneyState,
  event: VisitorEvent,
  at: number,
  ctx: RequestContext | undefined,
): void {
  const en = js.enrolment;
  if (!en) return;
  const metrics = compiledMetrics(j);
  if (!metrics.length) return;
  const path =
    event.type === "page_view" ? (typeof event.data?.path === "string" ? event.data.path : (ctx?.path ?? null)) : null;
  let values: Record<string, number> | null = null;
  for (const m of metrics) {
    if (at > en.at + m.windowMs) continue;
    const old = (values ?? en.values)?.[m.id] ?? 0;
    const inc = metricIncrement(m, event, old, path);
    const next = Math.min(MAX_METRIC_VALUE, old + inc);
    if (next === old) continue;
    values ??= keptValues(en.values, metrics);
    values[m.id] = next;
  }
  if (values) js.enrolment = { ...en, values };
}

/** A copy of the stored values, keeping only metrics the journey still has. */
function keptValues(values: Record<string, number> | undefined, metrics: CompiledMetric[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (values) for (const m of metrics) if (values[m.id] !== undefined) out[m.id] = values[m.id];
  return out;
}
