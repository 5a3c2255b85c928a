import type { JourneyRecord, JourneyStatus } from "@waymark/shared/schemas/api.ts";
import { appendAudit } from "./audit-log.ts";
import * as drafts from "./draft-table.ts";
import { getJourneyRecord } from "./journey-drafts.ts";
import { liveJourneys } from "./live-ruleset.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";

/**
 * Throws away one journey's unpublished edits: its draft becomes the live version of that journey again (paused if
 * the live one is paused), the other journeys' drafts untouched. A journey that was never published has nothing to
 * go back to (409: delete it instead).
 */
export function discardJourneyDraft(
  storage: DurableObjectStorage,
  id: string,
  actor: string,
): StoreResult<JourneyRecord> {
  const sql = storage.sql;
  const d = drafts.readDraft(sql, id);
  if (!d) return fail(404, `no journey "${id}"`);
  const live = liveJourneys(sql).get(id);
  if (!live)
    return fail(409, `"${id}" has never been published, so there is no live version to go back to: delete it instead`);
  const status: JourneyStatus = live.paused ? "paused" : "published";
  const at = Date.now();
  storage.transactionSync(() => {
    drafts.writeDraft(sql, { journey: live, status, at, by: actor, publishedVersion: d.publishedVersion });
    appendAudit(sql, { at, actor, action: "journey.discard", target: id });
  });
  return getJourneyRecord(sql, id);
}
