import type { JourneyRecord, JourneyStatus } from "@waymark/shared/schemas/api.ts";
import { appendAudit } from "./audit-log.ts";
import * as drafts from "./draft-table.ts";
import { insertRuleset } from "./insert-ruleset.ts";
import { getJourneyRecord } from "./journey-drafts.ts";
import { readLiveRuleset } from "./live-ruleset.ts";
import { refusableTransaction } from "./refusable-transaction.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";

/**
 * Pauses or resumes a journey. A kill switch must act at once, so when the journey is live this also publishes
 * a new version: the live one with only this journey's "paused" flag changed (other draft edits stay drafts).
 */
export function pauseJourney(
  storage: DurableObjectStorage,
  id: string,
  paused: boolean,
  actor: string,
): StoreResult<JourneyRecord> {
  const sql = storage.sql;
  const d = drafts.readDraft(sql, id);
  if (!d) return fail(404, `no journey "${id}"`);
  if (!d.journey) return fail(500, d.error ?? "stored draft is corrupt");
  const live = readLiveRuleset(sql);
  const inLive = live.ruleset?.journeys.some((j) => j.id === id) ?? false;
  const at = Date.now();
  const status: JourneyStatus = paused ? "paused" : inLive ? "published" : "draft";
  const result = refusableTransaction(storage, (): StoreResult<null> => {
    let publishedVersion = d.publishedVersion;
    if (inLive && live.ruleset) {
      const journeys = live.ruleset.journeys.map((j) => (j.id === id ? drafts.draftAsPublished(j, status) : j));
      const note = `${paused ? "pause" : "resume"} ${id}`;
      const r = insertRuleset(sql, journeys, { actor, at, note }, null, live.ruleset.audiences);
      if (!r.ok) return r;
      publishedVersion = r.value.version;
    }
    drafts.writeDraft(sql, { journey: d.journey!, status, at, by: actor, publishedVersion });
    appendAudit(sql, { at, actor, action: paused ? "journey.pause" : "journey.resume", target: id });
    return ok(null);
  });
  if (!result.ok) return result;
  return getJourneyRecord(sql, id);
}
