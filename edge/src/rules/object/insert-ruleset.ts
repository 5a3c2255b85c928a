import { rulesetAudienceIssues } from "@waymark/shared/engine/audience-refs.ts";
import type { Audience } from "@waymark/shared/schemas/audience.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import { zodIssues } from "../../http/errors.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";
import * as versions from "./version-table.ts";

export interface PublishMeta {
  actor: string;
  at: number;
  note?: string;
}

/**
 * Pure: the ruleset a publish would store, validated (schema, limits, the engine compiles every journey, every saved
 * audience a journey or audience uses is in it, without circles).
 */
export function validRuleset(
  version: number,
  journeys: Journey[],
  meta: PublishMeta,
  audiences: readonly Audience[] = [],
): StoreResult<Ruleset> {
  const candidate = {
    version,
    publishedAt: meta.at,
    publishedBy: meta.actor.slice(0, 200),
    ...(meta.note ? { note: meta.note.slice(0, 2_000) } : {}),
    journeys: [...journeys].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    audiences: [...audiences].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  const parsed = Ruleset.safeParse(candidate);
  if (!parsed.success) return fail(400, "invalid ruleset; nothing was published", zodIssues(parsed.error));
  const refIssues = rulesetAudienceIssues(parsed.data.journeys, parsed.data.audiences);
  if (refIssues.length)
    return fail(400, "the journeys use saved audiences that are missing or circular; nothing was published", refIssues);
  const skipped = compileRuleset(parsed.data).skipped;
  if (skipped.length)
    return fail(
      400,
      "the engine cannot compile this ruleset; nothing was published",
      skipped.map((s) => ({
        path: s.id.startsWith("audience:") ? ["audiences", s.id.slice(9)] : ["journeys", s.id],
        message: s.message,
      })),
    );
  return ok(parsed.data);
}

/** Stores a complete, valid ruleset as the next version and makes it live (the caller holds the transaction). */
export function insertRuleset(
  sql: SqlStorage,
  journeys: Journey[],
  meta: PublishMeta,
  rollbackOf: number | null,
  audiences: readonly Audience[],
): StoreResult<{ version: number }> {
  const version = versions.nextVersionNumber(sql);
  const valid = validRuleset(version, journeys, meta, audiences);
  if (!valid.ok) return valid;
  versions.insertVersion(sql, valid.value, rollbackOf);
  versions.setLivePointer(sql, version);
  return ok({ version });
}
