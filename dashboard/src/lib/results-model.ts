import type {
  QaResult,
  StatsBreakdownBy,
  StatsComparison,
  StatsMethod,
  StatsMetricGroup,
  StatsMetricResult,
  StatsResponse,
  StatsSrm,
  StatsVerdict,
} from "@waymark/shared";
import { niceMax, type ChartBox } from "./chart-model.ts";
import { count, percent, points } from "./format.ts";

type Counts = StatsResponse["stages"][string];
type BranchStats = StatsResponse["branches"][string];

// ---------------------------------------------------------------------------------------------------------------
// The stats API's results fields (contract D of issue 14), as shared/src/schemas/stats.ts defines them
// ---------------------------------------------------------------------------------------------------------------

export type Verdict = StatsVerdict;
export type MetricKind = StatsMetricResult["kind"];
export type MetricRole = StatsMetricResult["role"];
export type Method = StatsMethod;
export type BreakdownBy = StatsBreakdownBy;
export type VsControl = StatsComparison;
export type GroupFigures = StatsMetricGroup;
export type DailyPoint = StatsResponse["metrics"][number]["daily"][number];
/** A metric's figures; breakdown segments come without the daily series. */
export type MetricFigures = StatsMetricResult & { daily?: DailyPoint[] };
export type Srm = StatsSrm;
export type ResultsFigures = Pick<
  StatsResponse,
  "control" | "method" | "alpha" | "correction" | "allocation" | "srm" | "breakdown"
> & { metrics: MetricFigures[] };

/** How a metric is defined in the journey (for the one-line description under its title). */
export interface MetricDef {
  id: string;
  kind?: string;
  event?: string | readonly string[];
  url?: string;
  field?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Stage and branch tables (counts only: the comparisons are per metric, below)
// ---------------------------------------------------------------------------------------------------------------

export interface StageRow extends Counts {
  id: string;
  exit: boolean;
}

const ZERO: Counts = { entries: 0, exposures: 0, dismissals: 0, conversions: 0, current: 0 };

/** Per-stage rows in the journey's stage order (stages only the stats know, e.g. removed ones, after). */
export function stageRows(stats: StatsResponse, stages: readonly { id: string; exit?: boolean }[]): StageRow[] {
  const known = new Set(stages.map((s) => s.id));
  const rows = stages.map((s) => ({ id: s.id, exit: s.exit === true, ...ZERO, ...stats.stages[s.id] }));
  for (const [id, c] of Object.entries(stats.stages)) if (!known.has(id)) rows.push({ id, exit: false, ...c });
  return rows;
}

export interface BranchRow {
  id: string;
  holdout: boolean;
  stats: BranchStats;
}

/**
 * Per-branch count rows in the journey's branch order, the holdout last. No verdict here: the old one read a
 * normal interval every day and called winners from one visitor; verdicts come from the metrics' figures.
 */
export function branchRows(stats: StatsResponse, branches: readonly { id: string }[]): BranchRow[] {
  const ids = [...branches.map((b) => b.id)];
  for (const id of Object.keys(stats.branches)) if (!ids.includes(id) && id !== "holdout") ids.push(id);
  if (stats.branches.holdout) ids.push("holdout");
  return ids.map((id) => ({
    id,
    holdout: id === "holdout",
    stats: stats.branches[id] ?? { ...ZERO, visitors: 0, conversionRate: 0, uplift: null },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers in the metric's own unit
// ---------------------------------------------------------------------------------------------------------------

const MINUS = "−";
const signed = (v: number, digits: number) => {
  const s = Math.abs(v).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return `${v > 0 ? "+" : MINUS}${s}`;
};
const plain = (v: number, digits: number) => v.toFixed(digits).replace("-", MINUS);

/** Two decimals for small per-visitor amounts, fewer as they grow (12.35, 123.5, 1,235). */
function perVisitorDigits(v: number): number {
  const a = Math.abs(v);
  return a >= 1000 ? 0 : a >= 100 ? 1 : 2;
}

/** A group's value: a rate for conversions, an amount or a count per visitor otherwise. */
export function formatValue(kind: MetricKind, mean: number): string {
  if (!Number.isFinite(mean)) return "–";
  if (kind === "conversion") return percent(mean);
  const d = perVisitorDigits(mean);
  return `${d === 0 ? count(Math.round(mean)) : plain(mean, d)} per visitor`;
}

/** A difference in the metric's unit: points for rates, signed amounts otherwise. Unbounded ends say so. */
export function formatDiff(kind: MetricKind, v: number): string {
  if (v === Infinity) return "+∞";
  if (v === -Infinity) return `${MINUS}∞`;
  if (!Number.isFinite(v)) return "–";
  if (kind === "conversion") return points(v);
  return signed(v, perVisitorDigits(v));
}

/** "+12%" for a relative difference of 0.12. */
export function formatRel(rel: number): string {
  if (!Number.isFinite(rel)) return "–";
  return `${signed(rel * 100, Math.abs(rel) < 0.1 ? 1 : 0)}%`;
}

/** "p < 0.001" or "p = 0.03". */
export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Verdicts in marketer words
// ---------------------------------------------------------------------------------------------------------------

/**
 * The change the "~N more visitors" estimate is for, in words: the API computes N for `neededFor` (absolute: 2 points
 * for conversions, 10% of the control's mean otherwise).
 */
export function neededEffect(kind: MetricKind, neededFor?: number): string {
  if (kind === "conversion") {
    const pts = neededFor === undefined ? 2 : Math.round(neededFor * 1000) / 10;
    return `a ${pts}-point change`;
  }
  if (neededFor === undefined || !Number.isFinite(neededFor)) return "a 10% change";
  return `a change of ${plain(Math.abs(neededFor), perVisitorDigits(neededFor))} per visitor`;
}

export interface VerdictCopy {
  /** A class for the look; the words alone carry the meaning (colour never does). */
  tone: "better" | "worse" | "neutral" | "pending" | "withheld" | "baseline";
  /** A symbol beside the words, for scanning a long table. */
  symbol: string;
  text: string;
}

export function verdictCopy(
  v: Verdict | null,
  o: {
    control: boolean;
    controlLabel: string;
    kind: MetricKind;
    needed?: number;
    neededFor?: number;
    srmOk: boolean;
  },
): VerdictCopy {
  if (o.control) return { tone: "baseline", symbol: "", text: "baseline" };
  if (!o.srmOk) return { tone: "withheld", symbol: "!", text: "no verdict: the traffic split looks broken" };
  const more =
    o.needed !== undefined && o.needed > 0
      ? `~${count(Math.ceil(o.needed))} more visitors per branch for ${neededEffect(o.kind, o.neededFor)}`
      : null;
  switch (v) {
    case "better":
      return { tone: "better", symbol: "▲", text: `better than ${o.controlLabel}` };
    case "worse":
      return { tone: "worse", symbol: "▼", text: `worse than ${o.controlLabel}` };
    case "inconclusive":
      return {
        tone: "neutral",
        symbol: "≈",
        text: more ? `no clear difference yet (${more} to tell)` : "no clear difference yet",
      };
    case "insufficient_data":
      return { tone: "pending", symbol: "○", text: more ? `not enough data yet: ${more}` : "not enough data yet" };
    default:
      return { tone: "pending", symbol: "○", text: "no verdict yet" };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One metric as a table: a row per group, with a forest plot of the differences on a shared scale
// ---------------------------------------------------------------------------------------------------------------

export interface ForestMark {
  /** SVG x of the interval's ends, the estimate and zero, in a plot `width` wide. */
  low: number;
  high: number;
  est: number;
  zero: number;
  /** The interval runs past the plot on that side (unbounded, or clipped). */
  openLow: boolean;
  openHigh: boolean;
}

export interface MetricRow {
  group: string;
  label: string;
  control: boolean;
  visitors: string;
  value: string;
  /** "+2.1 pts (+18%)", null for the control or when there is nothing to compare. */
  diff: string | null;
  /** "95% interval −0.5 pts to +4.7 pts". */
  interval: string | null;
  forest: ForestMark | null;
  /** The forest plot in words, for screen readers and anyone who cannot see it. */
  forestText: string;
  verdict: Verdict | null;
  copy: VerdictCopy;
  pValue: string | null;
}

export interface MetricView {
  id: string;
  title: string;
  kind: MetricKind;
  role: MetricRole;
  /** "primary metric", "secondary metric", "guardrail". */
  roleLabel: string;
  /** "Visitors who did purchase within 30d of entering · higher is better". */
  description: string;
  rows: MetricRow[];
  /** Where zero sits in the forest plot, and the scale's ends in words (for the column's header). */
  scale: { zero: number; min: string; max: string };
  daily: DailyPoint[];
}

export const FOREST_WIDTH = 200;
const ROLE_ORDER: Record<MetricRole, number> = { primary: 0, secondary: 1, guardrail: 2 };
const ROLE_LABEL: Record<MetricRole, string> = {
  primary: "primary metric",
  secondary: "secondary metric",
  guardrail: "guardrail",
};

const list = (v: string | readonly string[] | undefined) => (Array.isArray(v) ? v.join(" or ") : (v ?? ""));

/** The metric in a sentence, from its definition in the journey when known. */
export function describeMetric(m: MetricFigures, def?: MetricDef): string {
  const what = def?.url ? `a view of ${def.url}` : def?.event ? list(def.event) : "";
  const head =
    m.kind === "conversion"
      ? what
        ? `Visitors who did ${what}`
        : "Share of visitors who converted"
      : m.kind === "revenue"
        ? `${def?.field ?? "value"} of ${what || "events"}, summed per visitor`
        : `Number of ${what || "events"} per visitor`;
  const better = m.direction === "decrease" ? "lower is better" : "higher is better";
  return `${head}, within ${m.window} of entering · ${better}`;
}

/** The group's name on the page: branch display names when the journey has them, the control marked. */
export function groupLabel(group: string, control: string, names: ReadonlyMap<string, string> = new Map()): string {
  const name = group === "holdout" ? "holdout" : (names.get(group) ?? group);
  return group === control ? `${name} (control)` : name;
}

/** Groups in display order: the control first, then the journey's branch order, then any others. */
export function groupOrder(groups: readonly string[], control: string, branchOrder: readonly string[]): string[] {
  const rank = (g: string) => (g === control ? -1 : branchOrder.indexOf(g) < 0 ? 1e6 : branchOrder.indexOf(g));
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A shared scale for a metric's forest plot: zero and every finite interval end inside, a little margin. */
export function forestScale(intervals: readonly { low: number; high: number; est: number }[], width = FOREST_WIDTH) {
  const finite = intervals.flatMap((i) => [i.low, i.high, i.est]).filter(Number.isFinite);
  let min = Math.min(0, ...finite);
  let max = Math.max(0, ...finite);
  if (max - min === 0) {
    min = -1;
    max = 1;
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  const x = (v: number) => Math.min(width, Math.max(0, ((v - min) / (max - min)) * width));
  return { min, max, x };
}

export interface MetricViewOptions {
  control: string;
  srmOk: boolean;
  branchOrder?: readonly string[];
  names?: ReadonlyMap<string, string>;
  defs?: readonly MetricDef[];
  alpha?: number;
}

export function metricView(m: MetricFigures, o: MetricViewOptions): MetricView {
  const order = groupOrder(Object.keys(m.groups), o.control, o.branchOrder ?? []);
  const controlLabel = o.control === "holdout" ? "holdout" : (o.names?.get(o.control) ?? o.control);
  const comparisons = order.flatMap((g) => (m.groups[g].vsControl ? [m.groups[g].vsControl!] : []));
  const scale = forestScale(comparisons);
  const level = `${Math.round((1 - (o.alpha ?? 0.05)) * 100)}%`;
  const rows = order.map((g): MetricRow => {
    const f = m.groups[g];
    const isControl = g === o.control;
    const vs = isControl ? null : f.vsControl;
    const diff = vs ? `${formatDiff(m.kind, vs.est)}${vs.rel !== undefined ? ` (${formatRel(vs.rel)})` : ""}` : null;
    const interval = vs ? `${level} interval ${formatDiff(m.kind, vs.low)} to ${formatDiff(m.kind, vs.high)}` : null;
    const forest: ForestMark | null = vs
      ? {
          low: scale.x(vs.low),
          high: scale.x(vs.high),
          est: scale.x(vs.est),
          zero: scale.x(0),
          openLow: !Number.isFinite(vs.low) || vs.low < scale.min,
          openHigh: !Number.isFinite(vs.high) || vs.high > scale.max,
        }
      : null;
    const copy = verdictCopy(isControl ? null : f.verdict, {
      control: isControl,
      controlLabel,
      kind: m.kind,
      needed: f.needed,
      neededFor: f.neededFor,
      srmOk: o.srmOk,
    });
    return {
      group: g,
      label: groupLabel(g, o.control, o.names),
      control: isControl,
      visitors: count(f.visitors),
      value: formatValue(m.kind, f.mean),
      diff,
      interval,
      forest,
      forestText: isControl
        ? "baseline for the comparison"
        : vs
          ? `difference ${diff}, ${interval}`
          : "no comparison yet (no visitors in one of the groups)",
      verdict: isControl ? null : f.verdict,
      copy,
      pValue: vs ? `${formatP(vs.adjustedPValue)} (adjusted)` : null,
    };
  });
  return {
    id: m.id,
    title: m.name || m.id,
    kind: m.kind,
    role: m.role,
    roleLabel: ROLE_LABEL[m.role] ?? m.role,
    description: describeMetric(
      m,
      o.defs?.find((d) => d.id === m.id),
    ),
    rows,
    scale: { zero: scale.x(0), min: formatDiff(m.kind, scale.min), max: formatDiff(m.kind, scale.max) },
    daily: m.daily ?? [],
  };
}

/** Metrics in reading order: the primary first, then secondary, then guardrails (each in the journey's order). */
export function metricViews(r: ResultsFigures, o: Omit<MetricViewOptions, "control" | "srmOk">): MetricView[] {
  const srmOk = !r.srm.applicable || r.srm.ok;
  return r.metrics
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (ROLE_ORDER[a.m.role] ?? 3) - (ROLE_ORDER[b.m.role] ?? 3) || a.i - b.i)
    .map(({ m }) => metricView(m, { ...o, control: r.control, srmOk, alpha: r.alpha }));
}

// ---------------------------------------------------------------------------------------------------------------
// What the page says about how it computed the figures
// ---------------------------------------------------------------------------------------------------------------

/** How many comparisons the correction covers: every metric x branch with a difference against the control. */
export function comparisonCount(r: ResultsFigures): number {
  let n = 0;
  for (const m of r.metrics) for (const [g, f] of Object.entries(m.groups)) if (g !== r.control && f.vsControl) n++;
  return n;
}

const CORRECTIONS: Record<string, string> = {
  holm: "Holm",
  bh: "Benjamini-Hochberg",
  "benjamini-hochberg": "Benjamini-Hochberg",
};

export function correctionText(r: ResultsFigures): string {
  const n = comparisonCount(r);
  const name = CORRECTIONS[r.correction] ?? r.correction;
  if (n <= 1) return `${name} correction for multiple comparisons (only ${n} comparison so far)`;
  return `${name} correction across ${n} comparisons (every branch × metric), so checking many of them does not produce false winners`;
}

export function methodText(method: Method, alpha = 0.05): string {
  const level = `${Math.round((1 - alpha) * 100)}%`;
  return method === "sequential"
    ? `Peeking-safe ${level} intervals: they stay valid however often you look, so checking every day does not make false winners likelier.`
    : `Fixed-horizon ${level} intervals: valid only when read once, at the sample size you planned. Checking them every day makes false winners likelier.`;
}

export const BANDIT_TEXT =
  "This journey moves traffic toward the branch doing best (adaptive allocation, Thompson sampling). Figures of the branches against each other are biased by that; the comparison with the holdout still measures what the journey adds.";

export interface SrmView {
  message: string;
  rows: { group: string; label: string; observed: string; observedShare: string; expectedShare: string }[];
}

/** The broken-split warning, or null when the split looks as configured (or cannot be checked). */
export function srmView(srm: Srm, control: string, names?: ReadonlyMap<string, string>): SrmView | null {
  if (!srm.applicable || srm.ok) return null;
  const known = Object.keys(srm.expected);
  for (const g of Object.keys(srm.observed)) if (!known.includes(g)) known.push(g);
  const groups = groupOrder(known, control, []);
  const total = groups.reduce((s, g) => s + (srm.observed[g] ?? 0), 0);
  const rows = groups.map((g) => ({
    group: g,
    label: groupLabel(g, control, names),
    observed: count(srm.observed[g] ?? 0),
    observedShare: total ? percent((srm.observed[g] ?? 0) / total) : "–",
    expectedShare: percent(srm.expected[g] ?? 0),
  }));
  const split = rows.map((r) => `${r.label} ${r.observedShare} (expected ${r.expectedShare})`).join(", ");
  const p = srm.pValue === null ? "" : ` (${formatP(srm.pValue)})`;
  return {
    message: `The traffic split looks broken: ${split}${p}. Something is sending visitors to one group more than configured (a redirect, a bot, a caching rule), so no verdicts are shown until it is fixed.`,
    rows,
  };
}

export const BREAKDOWNS: readonly { value: BreakdownBy; label: string }[] = [
  { value: "device", label: "Device" },
  { value: "country", label: "Country" },
  { value: "visitor", label: "New vs returning" },
  { value: "source", label: "Traffic source" },
];

// ---------------------------------------------------------------------------------------------------------------
// The cumulative chart: each group's running value per day, with its interval as a band when the API gives one
// ---------------------------------------------------------------------------------------------------------------

export interface CumulativeSeries {
  group: string;
  label: string;
  line: string;
  band: string | null;
  points: { x: number; y: number; day: string; text: string }[];
}

export function cumulativeChart(
  daily: readonly DailyPoint[],
  groups: readonly { group: string; label: string }[],
  kind: MetricKind,
  box: ChartBox,
) {
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  let top = 0;
  for (const d of daily)
    for (const { group } of groups) {
      const p = d.groups[group];
      if (!p) continue;
      top = Math.max(top, p.mean, Number.isFinite(p.high) ? p.high! : 0);
    }
  const max = niceMax(top);
  const x = (i: number) => box.left + (daily.length <= 1 ? innerW / 2 : (i * innerW) / (daily.length - 1));
  const y = (v: number) => box.top + innerH - (Math.min(max, Math.max(0, v)) / max) * innerH;
  const f = (n: number) => n.toFixed(1);
  const series = groups.map(({ group, label }): CumulativeSeries => {
    const pts = daily.flatMap((d, i) => {
      const p = d.groups[group];
      return p ? [{ i, p, day: d.day }] : [];
    });
    const points = pts.map(({ i, p, day }) => ({
      x: x(i),
      y: y(p.mean),
      day,
      text: `${day}: ${label} ${formatValue(kind, p.mean)} (${count(p.visitors)} visitors)`,
    }));
    const line = points.map((p, i) => `${i ? "L" : "M"}${f(p.x)},${f(p.y)}`).join(" ");
    const banded = pts.filter(({ p }) => Number.isFinite(p.low) && Number.isFinite(p.high));
    const band =
      banded.length > 1
        ? [
            ...banded.map(({ i, p }, k) => `${k ? "L" : "M"}${f(x(i))},${f(y(p.high!))}`),
            ...banded.reverse().map(({ i, p }) => `L${f(x(i))},${f(y(p.low!))}`),
            "Z",
          ].join(" ")
        : null;
    return { group, label, line, band, points };
  });
  const yTicks = [0, 1, 2, 3, 4].map((k) => {
    const value = (max * k) / 4;
    return { value, y: y(value), label: kind === "conversion" ? percent(value, value < 0.1 ? 1 : 0) : plain(value, 2) };
  });
  const every = Math.max(1, Math.ceil(daily.length / 8));
  const xTicks = daily.flatMap((d, i) => (i % every === 0 ? [{ label: d.day.slice(5), x: x(i) }] : []));
  return { series, yTicks, xTicks, max };
}

// ---------------------------------------------------------------------------------------------------------------
// QA
// ---------------------------------------------------------------------------------------------------------------

export interface BranchQa {
  status: "pass" | "fail" | "none";
  /** The latest verdict per stage, newest first. */
  stages: { stage: string; status: "pass" | "fail"; by: string; at: number; note: string }[];
}

/** QA state of one branch: its latest verdict per stage; failing if any latest verdict fails. */
export function branchQa(results: readonly QaResult[], journey: string, branch: string): BranchQa {
  const latest = new Map<string, QaResult>();
  for (const r of results) {
    if (r.journey !== journey || r.branch !== branch) continue;
    const prev = latest.get(r.stage);
    if (!prev || r.at > prev.at) latest.set(r.stage, r);
  }
  const stages = [...latest.values()]
    .sort((a, b) => b.at - a.at)
    .map((r) => ({ stage: r.stage, status: r.status, by: r.by, at: r.at, note: r.note }));
  const status = stages.length === 0 ? "none" : stages.some((s) => s.status === "fail") ? "fail" : "pass";
  return { status, stages };
}

/** The stats API query of the page (also the downloads'): journey, period, method, breakdown. */
export function statsQuery(
  journey: string,
  o: { from?: string; to?: string; method?: Method; by?: BreakdownBy | "" },
): string {
  const q = new URLSearchParams({ journey });
  if (o.from) q.set("from", o.from);
  if (o.to) q.set("to", o.to);
  if (o.method && o.method !== "sequential") q.set("method", o.method);
  if (o.by) q.set("by", o.by);
  return q.toString();
}
