import type { JourneyState } from "../schemas/state.ts";
import type { CompiledJourney } from "./types.ts";

/**
 * From when transitions may move this visitor again: at once while in the journey; after an exit, per the
 * journey's re-entry policy ("always": at once, "cooldown": exitedAt + cooldown, "once": never = Infinity).
 */
export function reentryOpenAt(journey: CompiledJourney, js: JourneyState): number {
  if (js.exitedAt === null) return -Infinity;
  const { policy, cooldownMs } = journey.reentry;
  if (policy === "once") return Infinity;
  if (policy === "cooldown") return js.exitedAt + cooldownMs;
  return -Infinity;
}
