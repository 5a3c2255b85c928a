import type { VisitorState } from "../schemas/state.ts";
import { isRunning } from "./admission.ts";
import { advanceDue } from "./advance-due.ts";
import { cloneState } from "./clone-state.ts";
import { reconcileJourney } from "./enter-journey.ts";
import type { Advance, CompiledRuleset, StageChange } from "./types.ts";

/**
 * Applies the "after" transitions due by `now` (chained, each at its exact due time), for journeys the visitor is
 * already in. What a Durable Object's alarm runs. Returns a new state; the input is not modified.
 */
export function advanceTime(
  state: VisitorState,
  rules: CompiledRuleset,
  now: number,
  opts: { halfLifeMs?: number } = {},
): Advance {
  const s = cloneState(state);
  const changes: StageChange[] = [];
  for (const j of rules.journeys) {
    const js = s.journeys[j.id];
    if (!js || !isRunning(j, now)) continue;
    reconcileJourney(s.visitorId, j, js, now, rules.version, changes);
    advanceDue(j, js, s, now, rules.version, changes, opts.halfLifeMs, rules.audiences);
  }
  return { state: s, changes };
}
