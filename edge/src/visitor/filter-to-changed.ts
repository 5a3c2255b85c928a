import type { Decision, StageChange } from "@waymark/shared";

/** Keeps the actions and exposures of journeys that moved in this batch (the nudges to show now). */
export function filterToChanged(decision: Decision, changes: StageChange[]): Decision {
  const moved = new Set(changes.filter((c) => !c.exit).map((c) => c.journey));
  return {
    ...decision,
    actions: decision.actions.filter((a) => moved.has(a.journey)),
    exposures: decision.exposures.filter((e) => moved.has(e.journey)),
  };
}
