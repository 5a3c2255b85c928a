import type { StatsCounts, StatsResponse } from "@waymark/shared/schemas/stats.ts";
import type { FlowTotal } from "./object/stats-shard.ts";
import type { StatsRow } from "./stats-row.ts";

/** Name of the control group in per-branch figures. */
export const HOLDOUT = "holdout";

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

const zero = (): StatsCounts => ({ entries: 0, exposures: 0, dismissals: 0, conversions: 0 });

/**
 * Figures of one journey from its counters (all shards together).
 * - stages: `entries` = visitors who entered the stage; `current` = entered minus left, over all time.
 * - branches: `visitors` (= `entries`) = journey entries in the branch; holdout as "holdout"; conversion rate
 *   = conversions / visitors; uplift = rate minus the holdout's rate with a 95% normal-approximation interval.
 * - daily: one row per day of the range (journey entries, exposures, dismissals, conversions).
 */
export function computeStats(input: {
  journey: string;
  from: string;
  to: string;
  rows: StatsRow[];
  flows: FlowTotal[];
  /** Stages and branches of the journey's definition, listed even without data. */
  stageIds?: string[];
  branchIds?: string[];
}): StatsResponse {
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

  const holdout = branchCounts.get(HOLDOUT)!;
  const branches: StatsResponse["branches"] = {};
  for (const [id, c] of branchCounts) {
    branches[id] = {
      ...c,
      visitors: c.entries,
      conversionRate: rate(c),
      uplift: id === HOLDOUT ? null : uplift(c, holdout),
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
  };
}

function rate(c: StatsCounts): number {
  return c.entries > 0 ? c.conversions / c.entries : 0;
}

/**
 * Difference of two proportions (branch minus holdout) with a 95% interval from the normal approximation
 * (unpooled standard error). Null when either group has no visitors.
 */
export function uplift(
  branch: { entries: number; conversions: number },
  holdout: { entries: number; conversions: number },
): { diff: number; low: number; high: number } | null {
  if (branch.entries <= 0 || holdout.entries <= 0) return null;
  // A visitor can convert more than once; a proportion above 1 has no binomial variance, so clamp for the SE.
  const p1 = Math.min(1, branch.conversions / branch.entries);
  const p0 = Math.min(1, holdout.conversions / holdout.entries);
  const diff = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / branch.entries + (p0 * (1 - p0)) / holdout.entries);
  return { diff, low: diff - Z95 * se, high: diff + Z95 * se };
}

/** Every UTC day from `from` to `to` inclusive ("YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 1_000; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
