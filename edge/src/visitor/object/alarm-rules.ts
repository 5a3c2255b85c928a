import type { CompiledRuleset } from "@waymark/shared";
import { getPublishedRuleset, loadRuleset } from "../../rules/published-ruleset.ts";
import type { RulesetRef } from "../visitor-rpc.ts";

/** The rules scheduled work runs with, when no request names a version. */
export async function alarmRules(env: Env, ref: RulesetRef, sandbox: boolean | undefined): Promise<CompiledRuleset> {
  // Real visitors move on with the live rules even if they never come back; sandboxes keep what they preview.
  if (!sandbox && ref !== "draft") {
    try {
      return await getPublishedRuleset(env);
    } catch {
      // fall back to the version the visitor was last decided with
    }
  }
  return loadRuleset(env, ref);
}
