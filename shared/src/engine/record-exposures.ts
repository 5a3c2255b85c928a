import type { Decision } from "../schemas/decision.ts";
import type { VisitorState } from "../schemas/state.ts";

const DAY_MS = 86_400_000;
// Caps count at most this many per day; more timestamps would only grow the state.
const MAX_RECENT = 500;

/**
 * Counts the decision's exposures on the visitor (holdout ones are not shown, so they do not count toward caps):
 * exposures, lastExposedAt, and the last day's timestamps the caps read. Returns a new state.
 */
export function recordExposures(state: VisitorState, decision: Decision, now: number): VisitorState {
  let journeys: VisitorState["journeys"] | null = null;
  for (const e of decision.exposures) {
    const js = (journeys ?? state.journeys)[e.journey];
    if (e.holdout || !js) continue;
    journeys ??= { ...state.journeys };
    const recent: number[] = [];
    for (const t of js.recentExposures ?? []) if (t > now - DAY_MS) recent.push(t);
    recent.push(now);
    journeys[e.journey] = {
      ...js,
      exposures: js.exposures + 1,
      lastExposedAt: now,
      recentExposures: recent.length > MAX_RECENT ? recent.slice(-MAX_RECENT) : recent,
    };
  }
  return journeys ? { ...state, journeys } : state;
}
