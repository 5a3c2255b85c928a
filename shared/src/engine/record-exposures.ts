import type { Decision } from "../schemas/decision.ts";
import type { JourneyState, VisitorState } from "../schemas/state.ts";
import type { CompiledRuleset } from "./types.ts";

const DAY_MS = 86_400_000;
// Caps count at most this many per day; more timestamps would only grow the state.
const MAX_RECENT = 500;

/**
 * Counts the decision's exposures on the visitor (holdout ones are not shown, so they do not count toward caps):
 * the journey's exposure count, and the last day's exposure times only for a journey with a perSession or perDay
 * cap (the caps are their only reader: an uncapped journey shown on every page would otherwise carry hundreds of
 * timestamps in the state, read and written on every page). Returns a new state.
 */
export function recordExposures(
  state: VisitorState,
  rules: CompiledRuleset,
  decision: Decision,
  now: number,
): VisitorState {
  let journeys: VisitorState["journeys"] | null = null;
  for (const e of decision.exposures) {
    const js = (journeys ?? state.journeys)[e.journey];
    if (e.holdout || !js) continue;
    journeys ??= { ...state.journeys };
    const caps = rules.byId.get(e.journey)?.caps;
    // lastExposedAt (states stored before issue 19) had no reader: it goes when the journey is next shown.
    const { lastExposedAt: _unread, recentExposures, ...rest } = js;
    const next: JourneyState = { ...rest, exposures: js.exposures + 1 };
    if (caps && (caps.perSession !== null || caps.perDay !== null)) {
      const recent: number[] = [];
      for (const t of recentExposures ?? []) if (t > now - DAY_MS) recent.push(t);
      recent.push(now);
      next.recentExposures = recent.length > MAX_RECENT ? recent.slice(-MAX_RECENT) : recent;
    }
    journeys[e.journey] = next;
  }
  return journeys ? { ...state, journeys } : state;
}
