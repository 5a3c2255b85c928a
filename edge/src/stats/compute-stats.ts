import { effectiveMetrics, type EffectiveMetric } from "@waymark/shared/schemas/metric.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { StatsBreakdownBy, StatsCounts, StatsMethod, StatsResponse } from "@waymark/shared/schemas/stats.ts";
import { compareMeans } from "@waymark/shared/stats/compare-means.ts";
import type { Moments } from "@waymark/shared/stats/moments.ts";
import { ALPHA, computeResults } from "./compute-results.ts";
import type { ShardResults } from "./object/results-tables.ts";
import type { FlowTotal } from "./object/stats-shard.ts";
import { srmCheck, type Split } from "./srm-check.ts";
import { daysBetween, groupOf, HOLDOUT, type CounterRow } from "./stats-row.ts";

const zero = (): StatsCounts => ({ entries: 0, exposures: 0, dismissals: 0, conversions: 0 });

/** Everything the stats answer is computed from (the route reads it; this module does no I/O). */
export interface StatsInput {
  journey: string;
  from: string;
  to: string;
  rows: CounterRow[];
  flows: FlowTotal[];
  /** Stages and branches of the journey's definition, listed even without data. */
  stageIds?: string[];
  branchIds?: string[];
  /** Per-visitor results up to `to` (none: as for a journey without enrolments). */
  results?: ShardResults;
  /** The journey as defined now (the live version, else the latest version with data): groups, control, metrics. */
  definition?: Journey;
  /** The split each version had (SRM); default: the definition's for every version. */
  splitOf?: (version: number) => Split | undefined;
  method?: StatsMethod;
  by?: StatsBreakdownBy | null;
}

/**
 * Figures of one journey from its counters and per-visitor results (all shards together).
 * - stages: `entries` = visitors who entered the stage; `current` = entered minus left, over all time.
 * - branches: `visitors` (= `entries`) = journey entries in the branch; holdout as "holdout"; conversion rate
 *   = conversions / visitors; uplift against the holdout (see upliftOf).
 * - daily: one row per day of the range (journey entries, exposures, dismissals, conversions).
 * - control, srm, metrics, breakdown: per-visitor results (see computeResults and srmCheck).
 */
export function computeStats(input: StatsInput): StatsResponse {
  const stages: StatsResponse["stages"] = {};
  const branchCounts = new Map<string, StatsCounts>();
  const daily = new Map<string, StatsCounts>();
  const stage = (id: string) => (stages[id] ??= { ...zero(), current: 0 });
  const branch = (id: string | null) => {
    const key = id ?? HOLDOUT;
    let c = branchCounts.get(key);
    if (!c) branchCounts.set(key, (c = zero()));
    return c;
  };
  for (const id of input.stageIds ?? []) stage(id);
  for (const id of input.branchIds ?? []) branch(id);
  branch(null);
  for (const d of daysBetween(input.from, input.to)) daily.set(d, zero());

  const transitions = new Map<string, { from: string | null; to: string; count: number }>();
  for (const r of input.rows) {
    const day = daily.get(r.day);
    if (r.kind === "entry") {
      stage(r.stage).entries += r.count;
    } else if (r.kind === "transition") {
      const key = JSON.stringify([r.from, r.stage]);
      const t = transitions.get(key) ?? { from: r.from, to: r.stage, count: 0 };
      t.count += r.count;
      transitions.set(key, t);
      if (r.from === null) {
        branch(r.branch).entries += r.count;
        if (day) day.entries += r.count;
      }
    } else {
      const field = r.kind === "exposure" ? "exposures" : r.kind === "dismissal" ? "dismissals" : "conversions";
      stage(r.stage)[field] += r.count;
      branch(r.branch)[field] += r.count;
      if (day) day[field] += r.count;
    }
  }

  for (const f of input.flows) {
    if (f.kind !== "transition") continue;
    stage(f.stage).current += f.count;
    if (f.from !== null) stage(f.from).current -= f.count;
  }

  const method = input.method ?? "sequential";
  const def = input.definition;
  const results = input.results ?? { enrolments: [], sums: [] };
  const srm = srmCheck(results.enrolments, input.splitOf ?? (() => def));
  const enrolled = new Set(results.enrolments.filter((e) => e.count > 0).map((e) => groupOf(e.branch)));
  const groups = def
    ? [...def.branches.map((b) => b.id), ...(def.holdout > 0 ? [HOLDOUT] : [])]
    : [...(input.branchIds ?? [])];
  const control = def
    ? def.holdout > 0
      ? HOLDOUT
      : def.branches[0].id
    : enrolled.has(HOLDOUT)
      ? HOLDOUT
      : (groups[0] ?? [...enrolled].sort()[0] ?? HOLDOUT);
  const metrics = def ? effectiveMetrics(def) : metricsSeen(results);
  const { metrics: metricFigures, breakdown } = computeResults({
    results,
    from: input.from,
    to: input.to,
    metrics,
    groups,
    control,
    method,
    srmOk: srm.ok,
    by: input.by ?? null,
  });

  // The old per-branch uplift, from the primary conversion metric (per visitor) once visitors are enrolled.
  const primary = metricFigures.find((m, i) => metrics[i].role === "primary" && m.kind === "conversion");
  const perVisitor = primary && enrolled.size > 0 ? primary.groups : null;
  const holdout = branchCounts.get(HOLDOUT)!;
  const branches: StatsResponse["branches"] = {};
  for (const [id, c] of branchCounts) {
    branches[id] = {
      ...c,
      visitors: c.entries,
      conversionRate: rate(c),
      uplift:
        id === HOLDOUT
          ? null
          : perVisitor
            ? upliftOf(momentsOf(perVisitor[id]), momentsOf(perVisitor[HOLDOUT]), method)
            : uplift(c, holdout, method),
    };
  }

  return {
    journey: input.journey,
    from: input.from,
    to: input.to,
    stages,
    branches,
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
    daily: [...daily].map(([day, c]) => ({ day, ...c })),
    control,
    method,
    alpha: ALPHA,
    correction: "holm",
    allocation: def?.allocation ?? "fixed",
    srm,
    metrics: metricFigures,
    ...(breakdown ? { breakdown } : {}),
  };
}

function rate(c: StatsCounts): number {
  return c.entries > 0 ? c.conversions / c.entries : 0;
}

/** Without a definition, the metrics found in the data (their kind unknown: summed as counts). */
function metricsSeen(results: ShardResults): EffectiveMetric[] {
  return [...new Set(results.sums.map((s) => s.metric))].sort().map((id) => ({
    id,
    kind: "count",
    events: [],
    url: null,
    field: null,
    window: "30d",
    role: "secondary",
    direction: "increase",
  }));
}

const momentsOf = (g: { visitors: number; sum: number; sumSq: number } | undefined): Moments =>
  g ? { n: g.visitors, sum: g.sum, sumSq: g.sumSq } : { n: 0, sum: 0, sumSq: 0 };

/** Difference of two conversion rates with the method's 95% interval (null when either group is empty). */
function upliftOf(
  branch: Moments,
  holdout: Moments,
  method: StatsMethod,
): { diff: number; low: number; high: number } | null {
  if (!branch.n || !holdout.n) return null;
  const c = compareMeans(branch, holdout, { method, alpha: ALPHA, binary: true });
  return c ? { diff: c.est, low: c.low, high: c.high } : null;
}

/**
 * Uplift from the counters alone (journeys without per-visitor data yet): a visitor may have converted more than
 * once, so conversions are capped at one per visitor, then compared as proportions by the stats library.
 */
export function uplift(
  branch: { entries: number; conversions: number },
  holdout: { entries: number; conversions: number },
  method: StatsMethod = "sequential",
): { diff: number; low: number; high: number } | null {
  const moments = (c: { entries: number; conversions: number }): Moments => {
    const k = Math.min(c.conversions, c.entries);
    return { n: c.entries, sum: k, sumSq: k };
  };
  return upliftOf(moments(branch), moments(holdout), method);
}
