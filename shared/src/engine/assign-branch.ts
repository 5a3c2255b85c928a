import { hash01 } from "./hash01.ts";
import { sampleBeta } from "./sample-beta.ts";
import type { BanditStats, CompiledJourney } from "./types.ts";

export interface BranchAssignment {
  branch: string | null;
  holdout: boolean;
}

/**
 * Sticky assignment: the holdout and the fixed-weight branch come from hashes of the visitor and journey ids, so
 * the same visitor always lands in the same place. Thompson allocation samples Beta(1 + conversions, 1 + misses)
 * per branch with the injected `random` (sticky because callers store the result); without stats or `random`
 * it falls back to the fixed weights.
 */
export function assignBranch(
  visitorId: string,
  journey: CompiledJourney,
  random?: () => number,
  banditStats?: BanditStats,
): BranchAssignment {
  if (journey.holdout > 0 && hash01(`${visitorId}:${journey.id}:holdout`) < journey.holdout)
    return { branch: null, holdout: true };
  if (journey.allocation === "thompson" && random && banditStats) {
    const branch = thompsonPick(journey, banditStats, random);
    if (branch !== null) return { branch, holdout: false };
  }
  return { branch: weightedBranch(visitorId, journey), holdout: false };
}

/** The fixed-weight branch for a visitor (also used by previews, which never land in the holdout). */
export function weightedBranch(visitorId: string, journey: CompiledJourney): string {
  const { branches, totalWeight } = journey;
  let u = hash01(`${visitorId}:${journey.id}:branch`) * totalWeight;
  for (const b of branches) {
    if (u < b.weight) return b.id;
    u -= b.weight;
  }
  // Floating point leftovers: the last branch with a weight.
  for (let i = branches.length - 1; i >= 0; i--) if (branches[i].weight > 0) return branches[i].id;
  return branches[0].id;
}

function thompsonPick(journey: CompiledJourney, stats: BanditStats, random: () => number): string | null {
  let best: string | null = null;
  let bestDraw = -1;
  for (const b of journey.branches) {
    if (b.weight <= 0) continue; // a weight of 0 switches a branch off, whatever the allocation
    const s = stats[b.id];
    const exposures = Math.max(0, s?.exposures ?? 0);
    const conversions = Math.min(exposures, Math.max(0, s?.conversions ?? 0));
    const draw = sampleBeta(1 + conversions, 1 + exposures - conversions, random);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = b.id;
    }
  }
  return best;
}
