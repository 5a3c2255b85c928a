import type { QaResult, StatsResponse } from "@waymark/shared";
import { percent, points } from "./format.ts";

type Counts = StatsResponse["stages"][string];
type BranchStats = StatsResponse["branches"][string];

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

export type Verdict = "better" | "worse" | "unclear";

export interface BranchRow {
  id: string;
  holdout: boolean;
  stats: BranchStats;
  rate: string;
  /** "+2.1 pts" and "−0.5 to +4.7 pts", or null (holdout, or no holdout to compare with). */
  uplift: { diff: string; ci: string; verdict: Verdict } | null;
}

/** A 95% interval entirely above zero is better, entirely below worse; anything spanning zero is unclear. */
export function verdict(low: number, high: number): Verdict {
  if (low > 0) return "better";
  if (high < 0) return "worse";
  return "unclear";
}

/** Per-branch rows in the journey's branch order, the holdout (control) last. */
export function branchRows(stats: StatsResponse, branches: readonly { id: string }[]): BranchRow[] {
  const ids = [...branches.map((b) => b.id)];
  for (const id of Object.keys(stats.branches)) if (!ids.includes(id) && id !== "holdout") ids.push(id);
  if (stats.branches.holdout) ids.push("holdout");
  return ids.map((id) => {
    const s: BranchStats = stats.branches[id] ?? { ...ZERO, visitors: 0, conversionRate: 0, uplift: null };
    const u = s.uplift;
    return {
      id,
      holdout: id === "holdout",
      stats: s,
      rate: percent(s.conversionRate),
      uplift: u
        ? { diff: points(u.diff), ci: `${points(u.low)} to ${points(u.high)}`, verdict: verdict(u.low, u.high) }
        : null,
    };
  });
}

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
