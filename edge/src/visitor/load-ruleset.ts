import { compileRuleset, type CompiledRuleset } from "@waymark/shared";
import { getDraftRuleset, getRulesetVersion } from "../rules/published-ruleset.ts";
import type { RulesetRef } from "./visitor-rpc.ts";

const EMPTY = compileRuleset({ version: 0, journeys: [] });

/** The ruleset a call names: a published version (cached per isolate by the rules cache), or the drafts. */
export function loadRuleset(env: Env, ref: RulesetRef): Promise<CompiledRuleset> {
  if (ref === "draft") return getDraftRuleset(env);
  if (ref === 0) return Promise.resolve(EMPTY);
  return getRulesetVersion(env, ref);
}
