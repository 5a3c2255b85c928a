import type { VisitorState } from "../schemas/state.ts";
import { reentryOpenAt } from "./reentry-open-at.ts";
import type { CompiledRuleset } from "./types.ts";

/**
 * The earliest time an "after" transition of this visitor becomes due, or null (what to set the alarm to).
 * With `after`, only times later than it: a transition already due whose conditions failed must not re-arm the
 * alarm in a loop. Conditions are not checked here; advanceTime checks them when the time comes.
 */
export function nextWakeAt(state: VisitorState, rules: CompiledRuleset, after = -Infinity): number | null {
  let next = Infinity;
  for (const j of rules.journeys) {
    const js = state.journeys[j.id];
    if (j.paused || !js || !j.hasAfter) continue;
    const list = j.afterByStage.get(js.stage);
    if (!list) continue;
    const openAt = reentryOpenAt(j, js);
    if (openAt === Infinity) continue;
    for (const t of list) {
      // A journey advances only within its schedule: nothing wakes for a time at or after its end.
      const due = Math.max(js.stageSince + t.afterMs!, openAt, j.scheduleStartMs ?? -Infinity);
      if (j.scheduleEndMs !== null && due >= j.scheduleEndMs) continue;
      if (due > after && due < next) next = due;
    }
  }
  return next === Infinity ? null : next;
}
