import type { CompiledRuleset } from "@waymark/shared";

/** Could any journey act or react on a request? (None: the page view need not reach the visitor's object.) */
export function hasActiveJourney(rules: CompiledRuleset): boolean {
  for (const j of rules.journeys) if (!j.paused) return true;
  return false;
}
