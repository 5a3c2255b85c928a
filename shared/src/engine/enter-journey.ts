import type { JourneyState } from "../schemas/state.ts";
import { assignBranch } from "./assign-branch.ts";
import type { BanditStats, CompiledJourney, StageChange } from "./types.ts";

/** A fresh journey state at the start stage, with its sticky branch (or holdout) assignment. */
export function enterJourney(
  visitorId: string,
  journey: CompiledJourney,
  at: number,
  version: number,
  random?: () => number,
  banditStats?: BanditStats,
): { js: JourneyState; change: StageChange } {
  const { branch, holdout } = assignBranch(visitorId, journey, random, banditStats);
  const exit = journey.exitStages.has(journey.start);
  const js: JourneyState = {
    stage: journey.start,
    stageSince: at,
    enteredAt: at,
    branch,
    holdout,
    exposures: 0,
    dismissedAt: null,
    completedAt: null,
    exitedAt: exit ? at : null,
    version,
  };
  const change: StageChange = {
    journey: journey.id,
    from: null,
    to: journey.start,
    at,
    reason: "enter",
    branch,
    holdout,
    version,
    exit,
    goal: false,
  };
  return { js, change };
}

/**
 * Keeps a stored journey state valid against a newer ruleset: a stage that no longer exists sends the visitor back
 * to the start (recorded as "reset"); a branch that no longer exists (or a holdout set to 0) is replaced by a fresh assignment.
 */
export function reconcileJourney(
  visitorId: string,
  journey: CompiledJourney,
  js: JourneyState,
  at: number,
  version: number,
  changes: StageChange[],
  random?: () => number,
  banditStats?: BanditStats,
): void {
  const branchGone = !js.holdout && (js.branch === null || !journey.branchIds.has(js.branch));
  const holdoutGone = js.holdout && journey.holdout === 0;
  if (branchGone || holdoutGone) {
    const a = assignBranch(visitorId, journey, random, banditStats);
    js.branch = a.branch;
    js.holdout = a.holdout;
  }
  if (journey.stageIds.has(js.stage)) return;
  const from = js.stage;
  js.stage = journey.start;
  js.stageSince = at;
  js.exitedAt = journey.exitStages.has(journey.start) ? at : null;
  changes.push({
    journey: journey.id,
    from,
    to: journey.start,
    at,
    reason: "reset",
    branch: js.branch,
    holdout: js.holdout,
    version,
    exit: js.exitedAt !== null,
    goal: false,
  });
}
