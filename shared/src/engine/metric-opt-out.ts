import type { StatsEvent } from "../schemas/stats.ts";
import type { VisitorState } from "../schemas/state.ts";
import type { CompiledRuleset } from "./types.ts";
import { eventBatch } from "./visit.ts";

/** The event type metrics name to count opt-outs (a guardrail: `{ "kind": "conversion", "event": "opt_out" }`). */
export const OPT_OUT_EVENT = "opt_out";

/**
 * The metric facts of a visitor opting out, in the journeys they are enrolled in: what an `opt_out` event would add
 * to their metrics, computed just before the caller erases them (so nothing is stored, and no journey is entered:
 * facts of journeys the visitor was not enrolled in are dropped).
 */
export function optOutFacts(state: VisitorState, rules: CompiledRuleset, now: number): StatsEvent[] {
  const visit = eventBatch(state, rules, [{ type: OPT_OUT_EVENT }], { now });
  return visit.stats.filter((f) => f.kind === "metric" && state.journeys[f.journey]?.enrolment !== undefined);
}
