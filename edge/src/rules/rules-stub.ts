import type { RulesStore } from "./object/rules-store.ts";

/** The rules store is one named object: the source of truth, never called per page (see published-ruleset.ts). */
export const RULES_STORE_NAME = "rules";

export function rulesStore(env: Env): DurableObjectStub<RulesStore> {
  return env.RULES.getByName(RULES_STORE_NAME);
}
