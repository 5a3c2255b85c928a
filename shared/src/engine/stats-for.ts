import type { Decision } from "../schemas/decision.ts";
import type { StatsEvent } from "../schemas/stats.ts";
import type { Advance } from "./types.ts";

/**
 * The countable facts of an advance and a decision: per stage change a "transition" and an "entry" of the stage
 * entered, a "conversion" per goal, a "dismissal" per dismiss, an "exposure" per exposure (holdout: branch null).
 */
export function statsFor(advance: Advance | null, decision: Decision | null, now: number): StatsEvent[] {
  const out: StatsEvent[] = [];
  for (const c of advance?.changes ?? []) {
    const base = { journey: c.journey, version: c.version, stage: c.to, branch: c.holdout ? null : c.branch };
    if (c.goal) out.push({ kind: "conversion", ...base, at: c.at });
    else if (c.reason === "dismiss") out.push({ kind: "dismissal", ...base, at: c.at });
    else {
      out.push({ kind: "transition", ...base, from: c.from, at: c.at });
      out.push({ kind: "entry", ...base, at: c.at });
    }
  }
  for (const e of decision?.exposures ?? []) {
    out.push({
      kind: "exposure",
      journey: e.journey,
      version: decision!.version,
      stage: e.stage,
      branch: e.holdout ? null : e.branch,
      at: decision!.at ?? now,
    });
  }
  return out;
}
