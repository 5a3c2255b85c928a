import type { CounterFact, Dims, StatsEvent } from "@waymark/shared/schemas/stats.ts";

/** One aggregated counter: how many facts of a kind happened on a day, per version, stage, branch and origin. */
export interface CounterRow {
  day: string;
  version: number;
  stage: string;
  /** null = the holdout (control group). */
  branch: string | null;
  kind: CounterFact["kind"];
  from: string | null;
  count: number;
}

/** Visitors who entered the journey on a day, per version, group and dimensions. */
export interface EnrolRow {
  kind: "enroll";
  day: string;
  version: number;
  branch: string | null;
  dims: Dims;
  count: number;
}

/** Sums of per-visitor metric deltas on a day (their sum and sum of squares add up to the group's moments). */
export interface MetricRow {
  kind: "metric";
  day: string;
  version: number;
  branch: string | null;
  metric: string;
  dims: Dims;
  sum: number;
  sumSq: number;
}

/** What a shard records: a batch of facts folded into one row per distinct key. */
export type StatsRow = CounterRow | EnrolRow | MetricRow;

/** Name of the control group in per-group figures (stored as branch null). */
export const HOLDOUT = "holdout";

/** The group a fact belongs to: its branch, or "holdout". */
export function groupOf(branch: string | null): string {
  return branch ?? HOLDOUT;
}

/** Every UTC day from `from` to `to` inclusive ("YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 1_000; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** UTC day of a timestamp, "YYYY-MM-DD". */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

const dimsKey = (d: Dims) => [d.device, d.country, d.visitor, d.source];

/** Folds facts into rows, so a batch costs one row per distinct key. */
export function aggregateStats(events: StatsEvent[]): StatsRow[] {
  const rows = new Map<string, StatsRow>();
  for (const e of events) {
    const day = dayOf(e.at);
    if (e.kind === "enroll") {
      const key = JSON.stringify([day, e.version, e.branch, e.kind, ...dimsKey(e.dims)]);
      const seen = rows.get(key) as EnrolRow | undefined;
      if (seen) seen.count++;
      else rows.set(key, { kind: e.kind, day, version: e.version, branch: e.branch, dims: e.dims, count: 1 });
    } else if (e.kind === "metric") {
      const key = JSON.stringify([day, e.version, e.branch, e.kind, e.metric, ...dimsKey(e.dims)]);
      const seen = rows.get(key) as MetricRow | undefined;
      if (seen) {
        seen.sum += e.delta;
        seen.sumSq += e.delta2;
      } else
        rows.set(key, {
          kind: e.kind,
          day,
          version: e.version,
          branch: e.branch,
          metric: e.metric,
          dims: e.dims,
          sum: e.delta,
          sumSq: e.delta2,
        });
    } else {
      const row: CounterRow = {
        day,
        version: e.version,
        stage: e.stage,
        branch: e.branch,
        kind: e.kind,
        from: e.from ?? null,
        count: 1,
      };
      const key = JSON.stringify([row.day, row.version, row.stage, row.branch, row.kind, row.from]);
      const seen = rows.get(key) as CounterRow | undefined;
      if (seen) seen.count++;
      else rows.set(key, row);
    }
  }
  return [...rows.values()];
}
