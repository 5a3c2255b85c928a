import type { JourneyState, VisitorState } from "../schemas/state.ts";
import { allHold } from "./all-hold.ts";
import { moveStage } from "./move-stage.ts";
import { reentryOpenAt } from "./reentry-open-at.ts";
import type { CompiledJourney, CompiledRuleset, StageChange } from "./types.ts";

// Guards against "after" cycles such as a -> b after 0s -> a.
const MAX_STEPS = 100;

/**
 * Applies the "after" transitions of one journey due by `upTo`, chained: each fires at its exact due time, which
 * becomes the next stage's stageSince. Among several due from one stage, the earliest due wins (list order on ties).
 */
export function advanceDue(
  journey: CompiledJourney,
  js: JourneyState,
  state: VisitorState,
  upTo: number,
  version: number,
  changes: StageChange[],
  halfLifeMs?: number,
  audiences?: CompiledRuleset["audiences"],
): void {
  if (!journey.hasAfter) return;
  for (let step = 0; step < MAX_STEPS; step++) {
    const list = journey.afterByStage.get(js.stage);
    if (!list) return;
    const openAt = reentryOpenAt(journey, js);
    if (openAt === Infinity) return;
    let best = null;
    let bestDue = Infinity;
    for (const t of list) {
      const due = Math.max(js.stageSince + t.afterMs!, openAt);
      if (due > upTo || due >= bestDue) continue;
      if (t.when && !allHold(t.when, { state, journeyState: js, now: due, halfLifeMs, audiences })) continue;
      best = t;
      bestDue = due;
    }
    if (!best) return;
    moveStage(journey, js, best.to, bestDue, `after:${best.after}`, version, changes);
  }
}
