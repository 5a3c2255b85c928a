import type { Condition } from "../schemas/condition.ts";
import { evalCondition } from "./eval-condition.ts";
import type { ConditionEnv } from "./types.ts";

/** True when every condition holds (an empty list holds). Stops at the first failure. */
export function allHold(conds: readonly Condition[] | null, env: ConditionEnv): boolean {
  if (conds) for (const c of conds) if (!evalCondition(c, env).ok) return false;
  return true;
}
