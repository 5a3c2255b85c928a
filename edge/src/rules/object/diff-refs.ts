import type { DiffResponse } from "@waymark/shared/schemas/api.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { diffRulesets } from "./diff-rulesets.ts";
import { readDraftRuleset } from "./draft-ruleset.ts";
import { readLiveRuleset, readRulesetVersion } from "./live-ruleset.ts";
import { ok, type StoreResult } from "../store-result.ts";

/** A version number, the live version, or the drafts. */
export type RulesetRefName = number | "live" | "draft";

/** Diff of two versions ("live" = the live one, "draft" = the drafts), with JSON pointers of changed fields. */
export function diffRefs(sql: SqlStorage, from: RulesetRefName, to: RulesetRefName): StoreResult<DiffResponse> {
  const a = resolve(sql, from);
  if (!a.ok) return a;
  const b = resolve(sql, to);
  if (!b.ok) return b;
  return ok({ from: a.value.label, to: b.value.label, journeys: diffRulesets(a.value.journeys, b.value.journeys) });
}

function resolve(sql: SqlStorage, ref: RulesetRefName): StoreResult<{ label: number | "draft"; journeys: Journey[] }> {
  if (ref === "draft") return ok({ label: "draft", journeys: readDraftRuleset(sql).ruleset.journeys });
  const n = ref === "live" ? readLiveRuleset(sql).version : ref;
  const r = readRulesetVersion(sql, n);
  return r.ok ? ok({ label: n, journeys: r.value.journeys }) : r;
}
