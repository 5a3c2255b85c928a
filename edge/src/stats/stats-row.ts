import type { StatsEvent } from "@waymark/shared/schemas/stats.ts";

/** One aggregated counter: how many facts of a kind happened on a day, per version, stage, branch and origin. */
export interface StatsRow {
  day: string;
  version: number;
  stage: string;
  /** null = the holdout (control group). */
  branch: string | null;
  kind: StatsEvent["kind"];
  from: string | null;
  count: number;
}

/** UTC day of a timestamp, "YYYY-MM-DD". */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Folds facts into counters, so a batch costs one row per distinct key. */
export function aggregateStats(events: StatsEvent[]): StatsRow[] {
  const rows = new Map<string, StatsRow>();
  for (const e of events) {
    const row: StatsRow = {
      day: dayOf(e.at),
      version: e.version,
      stage: e.stage,
      branch: e.branch,
      kind: e.kind,
      from: e.from ?? null,
      count: 1,
    };
    const key = JSON.stringify([row.day, row.version, row.stage, row.branch, row.kind, row.from]);
    const seen = rows.get(key);
    if (seen) seen.count++;
    else rows.set(key, row);
  }
  return [...rows.values()];
}
