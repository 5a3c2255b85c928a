import type { VisitorState } from "../schemas/state.ts";

/** A copy deep enough for the engine to mutate journey states and counters without touching the caller's. */
export function cloneState(state: VisitorState): VisitorState {
  const journeys: VisitorState["journeys"] = {};
  for (const id in state.journeys) journeys[id] = { ...state.journeys[id] };
  return { ...state, journeys };
}
