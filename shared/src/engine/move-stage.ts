import type { JourneyState } from "../schemas/state.ts";
import type { CompiledJourney, StageChange } from "./types.ts";

/**
 * Moves a (mutable, already copied) journey state to `to` at `at` and records the change. Moving from an exited
 * state re-enters the journey (exit, completion and dismissal cleared). A move to the current stage while in the
 * journey only restarts the stage clock (another add_to_cart restarts the abandonment window) and records nothing.
 */
export function moveStage(
  journey: CompiledJourney,
  js: JourneyState,
  to: string,
  at: number,
  reason: string,
  version: number,
  changes: StageChange[],
): void {
  const from = js.stage;
  const reentering = js.exitedAt !== null;
  js.stageSince = at;
  if (to === from && !reentering) return;
  js.stage = to;
  if (reentering) {
    js.exitedAt = null;
    js.completedAt = null;
    js.dismissedAt = null;
    js.enteredAt = at;
    js.version = version;
  }
  const exit = journey.exitStages.has(to);
  if (exit) js.exitedAt = at;
  changes.push({
    journey: journey.id,
    from,
    to,
    at,
    reason,
    branch: js.branch,
    holdout: js.holdout,
    version,
    exit,
    goal: false,
  });
}
