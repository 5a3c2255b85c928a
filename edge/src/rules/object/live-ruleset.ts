import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";
import * as versions from "./version-table.ts";

/** The live ruleset as the Worker's cache asks for it: `ruleset` is null when the caller already has `version`. */
export interface LiveRuleset {
  version: number;
  ruleset: Ruleset | null;
  /**
   * Versions skipped because their stored JSON no longer validates, and (with `journey`) journeys left out of the
   * served version for the same reason.
   */
  corrupt: { version: number; journey?: string; message: string }[];
}

export const EMPTY_RULESET: Ruleset = { version: 0, publishedAt: 0, journeys: [], audiences: [] };

/** The live version, falling back to the newest older version that still validates if its row is corrupt. */
export function readLiveRuleset(sql: SqlStorage, known?: number): LiveRuleset {
  const pointer = versions.livePointer(sql);
  if (pointer === 0) return { version: 0, ruleset: known === 0 ? null : EMPTY_RULESET, corrupt: [] };
  if (known === pointer) return { version: pointer, ruleset: null, corrupt: [] };
  const corrupt: LiveRuleset["corrupt"] = [];
  for (const v of versions.versionNumbers(sql)) {
    if (v > pointer) continue;
    const read = versions.readVersion(sql, v);
    if ("ruleset" in read) {
      for (const d of read.dropped) {
        console.error(`waymark: journey ${d.journey} of version ${v} no longer validates (${d.message}); left out`);
        corrupt.push({ version: v, ...d });
      }
      return { version: v, ruleset: known === v ? null : read.ruleset, corrupt };
    }
    if ("corrupt" in read) {
      console.error(`waymark: ruleset version ${v} is corrupt (${read.corrupt}); serving an older one`);
      corrupt.push({ version: v, message: read.corrupt });
    }
  }
  return { version: 0, ruleset: known === 0 ? null : EMPTY_RULESET, corrupt };
}

/** One published version (0 is the empty ruleset). */
export function readRulesetVersion(sql: SqlStorage, version: number): StoreResult<Ruleset> {
  if (version === 0) return ok(EMPTY_RULESET);
  const read = versions.readVersion(sql, version);
  if ("ruleset" in read) return ok(read.ruleset);
  if ("corrupt" in read) return fail(500, `version ${version} is corrupt: ${read.corrupt}`);
  return fail(404, `no version ${version}`);
}

/** The live version's journeys by id. */
export function liveJourneys(sql: SqlStorage): Map<string, Journey> {
  return new Map((readLiveRuleset(sql).ruleset?.journeys ?? []).map((j) => [j.id, j]));
}
