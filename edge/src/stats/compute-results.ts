import type { EffectiveMetric } from "@waymark/shared/schemas/metric.ts";
import type {
  StatsBreakdownBy,
  StatsMethod,
  StatsMetricGroup,
  StatsMetricResult,
  StatsResponse,
} from "@waymark/shared/schemas/stats.ts";
import { compareMeans, type Comparison } from "@waymark/shared/stats/compare-means.ts";
import { meanInterval } from "@waymark/shared/stats/mean-interval.ts";
import { meanOf, type Moments } from "@waymark/shared/stats/moments.ts";
import { holm } from "@waymark/shared/stats/multiple-comparisons.ts";
import { MIN_VISITORS, verdictOf } from "@waymark/shared/stats/verdict.ts";
import { visitorsNeeded } from "@waymark/shared/stats/visitors-needed.ts";
import type { ShardResults } from "./object/results-tables.ts";
import { daysBetween, groupOf } from "./stats-row.ts";

/** The level of every interval and test of the answer (two-sided). */
export const ALPHA = 0.05;
/** Countries listed one by one in a breakdown; the rest are summed as "other". */
export const TOP_COUNTRIES = 10;
/** Effect sizes the "~N more visitors" estimate is for: 2 points of a conversion rate, else 10% of the mean. */
const NEEDED_POINTS = 0.02;
const NEEDED_RELATIVE = 0.1;

export interface ResultsInput {
  results: ShardResults;
  /** Days of the cumulative series (inclusive). */
  from: string;
  to: string;
  metrics: EffectiveMetric[];
  /** Every group to show (branch ids and "holdout"), in display order; groups found only in the data are added. */
  groups: string[];
  control: string;
  method: StatsMethod;
  /** false: the split is broken, so no verdict is given (the srm field explains why). */
  srmOk: boolean;
  by: StatsBreakdownBy | null;
}

type MetricOut = StatsResponse["metrics"][number];

/**
 * Per-visitor results of each metric per group against the control: moments, comparison, Holm-adjusted p-values
 * across every branch x metric, verdicts, "~N more visitors", cumulative daily series, and the breakdown.
 */
export function computeResults(input: ResultsInput): Pick<StatsResponse, "metrics" | "breakdown"> {
  const { results, metrics } = input;
  const groups = [...input.groups];
  const addGroup = (g: string) => groups.includes(g) || groups.push(g);
  for (const e of results.enrolments) addGroup(groupOf(e.branch));
  for (const s of results.sums) addGroup(groupOf(s.branch));

  const visitors = new Map<string, number>();
  const sums = new Map<string, { sum: number; sumSq: number }>();
  for (const e of results.enrolments) add(visitors, groupOf(e.branch), e.count);
  for (const s of results.sums) addSums(sums, key(s.metric, groupOf(s.branch)), s.sum, s.sumSq);
  const moments = (metric: string, group: string): Moments => ({
    n: visitors.get(group) ?? 0,
    ...(sums.get(key(metric, group)) ?? { sum: 0, sumSq: 0 }),
  });
  const out: MetricOut[] = metricResults(metrics, groups, moments, input).map((m, i) => ({
    ...m,
    daily: dailySeries(metrics[i], groups, input),
  }));
  if (!input.by || !results.segments) return { metrics: out };
  return { metrics: out, breakdown: { by: input.by, segments: segments(input, groups) } };
}

/** Figures of every metric and group from per-group moments, with one Holm family over all comparisons. */
function metricResults(
  metrics: EffectiveMetric[],
  groups: string[],
  moments: (metric: string, group: string) => Moments,
  input: Pick<ResultsInput, "control" | "method" | "srmOk">,
): StatsMetricResult[] {
  const { control, method } = input;
  const compared: { m: number; g: string; c: Comparison }[] = [];
  const figures = metrics.map((metric, m) => {
    const binary = metric.kind === "conversion";
    const base = moments(metric.id, control);
    const byGroup: Record<string, StatsMetricGroup> = {};
    for (const g of groups) {
      const mo = moments(metric.id, g);
      // An empty group has no mean to compare (the binary interval would be the pseudo-counts' alone).
      const c = g === control || !mo.n || !base.n ? null : compareMeans(mo, base, { method, alpha: ALPHA, binary });
      if (c) compared.push({ m, g, c });
      byGroup[g] = {
        visitors: mo.n,
        sum: mo.sum,
        sumSq: mo.sumSq,
        mean: meanOf(mo),
        vsControl: null,
        verdict: null,
      };
    }
    return byGroup;
  });
  const adjusted = holm(compared.map((x) => x.c.pValue));
  compared.forEach(({ m, g, c }, i) => {
    const f = figures[m][g];
    f.vsControl = {
      est: c.est,
      low: c.low,
      high: c.high,
      ...(c.rel !== undefined && Number.isFinite(c.rel) ? { rel: c.rel } : {}),
      pValue: c.pValue,
      adjustedPValue: adjusted[i],
    };
  });
  return metrics.map((metric, m) => {
    const binary = metric.kind === "conversion";
    const base = moments(metric.id, control);
    const groupsOut: Record<string, StatsMetricGroup> = {};
    for (const g of groups) {
      const f = figures[m][g];
      if (g !== control && input.srmOk) {
        const treatment = moments(metric.id, g);
        f.verdict = verdictOf({
          treatment,
          control: base,
          comparison: f.vsControl ? { ...f.vsControl } : null,
          adjustedPValue: f.vsControl?.adjustedPValue ?? null,
          binary,
          direction: metric.direction,
          alpha: ALPHA,
        });
        if (f.verdict === "insufficient_data" || f.verdict === "inconclusive") {
          const effect = binary ? NEEDED_POINTS : NEEDED_RELATIVE * meanOf(base);
          const total = effect > 0 ? visitorsNeeded(base, effect, { method, alpha: ALPHA, binary }) : NaN;
          if (Number.isFinite(total)) {
            // visitorsNeeded is the total per group; no verdict comes before the minimum either.
            f.needed = Math.max(0, Math.ceil(Math.max(total, MIN_VISITORS) - Math.min(treatment.n, base.n)));
            f.neededFor = effect;
          }
        }
      }
      groupsOut[g] = f;
    }
    return {
      id: metric.id,
      ...(metric.name === undefined ? {} : { name: metric.name }),
      kind: metric.kind,
      role: metric.role,
      direction: metric.direction,
      window: metric.window,
      groups: groupsOut,
    };
  });
}

/**
 * Cumulative figures per group as of the end of each day of the range (everything before `from` included), with
 * the interval of each group's mean by the answer's method: a sequential interval stays valid read daily.
 */
function dailySeries(metric: EffectiveMetric, groups: string[], input: ResultsInput): MetricOut["daily"] {
  const { results } = input;
  const binary = metric.kind === "conversion";
  const visitors = new Map<string, number>();
  const sums = new Map<string, { sum: number; sumSq: number }>();
  const enrolByDay = groupByDay(results.enrolments);
  const sumsByDay = groupByDay(results.sums.filter((s) => s.metric === metric.id));
  const fold = (day: string) => {
    for (const e of enrolByDay.get(day) ?? []) add(visitors, groupOf(e.branch), e.count);
    for (const s of sumsByDay.get(day) ?? []) addSums(sums, groupOf(s.branch), s.sum, s.sumSq);
  };
  fold("");
  return daysBetween(input.from, input.to).map((day) => {
    fold(day);
    const out: MetricOut["daily"][number]["groups"] = {};
    for (const g of groups) {
      const mo: Moments = { n: visitors.get(g) ?? 0, ...(sums.get(g) ?? { sum: 0, sumSq: 0 }) };
      const ci = mo.n ? meanInterval(mo, { method: input.method, alpha: ALPHA, binary }) : null;
      out[g] = { visitors: mo.n, mean: meanOf(mo), ...(ci ? { low: ci.low, high: ci.high } : {}) };
    }
    return { day, groups: out };
  });
}

/** The breakdown: the metrics per value of the dimension (Holm within each segment), verdicts as for the whole. */
function segments(input: ResultsInput, groups: string[]): { value: string; metrics: StatsMetricResult[] }[] {
  const seg = input.results.segments!;
  const totals = new Map<string, number>();
  for (const e of seg.enrolments) add(totals, e.value, e.count);
  for (const s of seg.sums) if (!totals.has(s.value)) totals.set(s.value, 0);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  const keep = new Set(input.by === "country" ? ranked.slice(0, TOP_COUNTRIES) : ranked);
  const valueOf = (v: string) => (keep.has(v) ? v : OTHER);
  const values = [...ranked.filter((v) => keep.has(v)), ...(ranked.length > keep.size ? [OTHER] : [])];

  const visitors = new Map<string, number>();
  const sums = new Map<string, { sum: number; sumSq: number }>();
  for (const e of seg.enrolments) add(visitors, key(valueOf(e.value), groupOf(e.branch)), e.count);
  for (const s of seg.sums) addSums(sums, key(valueOf(s.value), s.metric, groupOf(s.branch)), s.sum, s.sumSq);
  return values.map((value) => ({
    value,
    metrics: metricResults(
      input.metrics,
      groups,
      (metric, group) => ({
        n: visitors.get(key(value, group)) ?? 0,
        ...(sums.get(key(value, metric, group)) ?? { sum: 0, sumSq: 0 }),
      }),
      input,
    ),
  }));
}

/** Segment of a breakdown that sums the countries past the top ones. */
export const OTHER = "other";

const key = (...parts: string[]) => JSON.stringify(parts);

function add(map: Map<string, number>, k: string, n: number): void {
  map.set(k, (map.get(k) ?? 0) + n);
}

function addSums(map: Map<string, { sum: number; sumSq: number }>, k: string, sum: number, sumSq: number): void {
  const s = map.get(k);
  if (s) {
    s.sum += sum;
    s.sumSq += sumSq;
  } else map.set(k, { sum, sumSq });
}

function groupByDay<T extends { day: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.day);
    if (list) list.push(r);
    else m.set(r.day, [r]);
  }
  return m;
}
