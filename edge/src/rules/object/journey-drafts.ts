import type { JourneyRecord, JourneyStatus } from "@waymark/shared/schemas/api.ts";
import { AuthoredJourney } from "@waymark/shared/authoring/authored-journey.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { RULESET_LIMITS } from "@waymark/shared/schemas/ruleset.ts";
import { unknownAudienceIssues } from "@waymark/shared/engine/audience-refs.ts";
import { zodIssues } from "../../http/errors.ts";
import { validAudienceDrafts } from "./audience-table.ts";
import { appendAudit } from "./audit-log.ts";
import type { Corrupt } from "./draft-ruleset.ts";
import * as drafts from "./draft-table.ts";
import { stableJson } from "./stable-json.ts";
import { liveJourneys } from "./live-ruleset.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";

export function listJourneyRecords(sql: SqlStorage): { journeys: JourneyRecord[]; corrupt: Corrupt } {
  const live = liveJourneys(sql);
  const journeys: JourneyRecord[] = [];
  const corrupt: Corrupt = [];
  for (const d of drafts.readDrafts(sql)) {
    if (d.journey) journeys.push(toJourneyRecord(d, d.journey, live));
    else corrupt.push({ id: d.id, message: d.error ?? "corrupt" });
  }
  return { journeys, corrupt };
}

export function getJourneyRecord(sql: SqlStorage, id: string): StoreResult<JourneyRecord> {
  const d = drafts.readDraft(sql, id);
  if (!d) return fail(404, `no journey "${id}"`);
  if (!d.journey) return fail(500, d.error ?? "stored draft is corrupt");
  return ok(toJourneyRecord(d, d.journey, liveJourneys(sql)));
}

/**
 * Pure: a saved draft's status. "paused" in the body pauses (true) or unpauses (false) it; otherwise a paused
 * draft stays paused, and any other is "published" when the live version has the journey.
 */
export function draftStatus(
  prior: JourneyStatus | undefined,
  paused: boolean | undefined,
  inLive: boolean,
): JourneyStatus {
  let status: JourneyStatus = prior ?? "draft";
  if (paused === true) status = "paused";
  else if (paused === false || status !== "paused") status = inLive ? "published" : "draft";
  return status;
}

/** Creates or replaces a draft. */
export function putJourneyDraft(
  storage: DurableObjectStorage,
  input: unknown,
  actor: string,
): StoreResult<{ record: JourneyRecord; created: boolean }> {
  const sql = storage.sql;
  const parsed = AuthoredJourney.safeParse(input);
  if (!parsed.success) return fail(400, "invalid journey", zodIssues(parsed.error));
  const journey = parsed.data;
  // Every saved audience the journey uses must exist (as a draft: it is published with the journey).
  const known = new Set(validAudienceDrafts(sql).map((a) => a.id));
  const missing = unknownAudienceIssues(journey, known);
  if (missing.length)
    return fail(
      400,
      "invalid journey",
      missing.map(({ path, message }) => ({ path, message })),
    );
  const existing = drafts.readDraft(sql, journey.id);
  if (!existing && drafts.countDrafts(sql) >= RULESET_LIMITS.maxJourneys)
    return fail(400, "too many journeys", [
      { path: [], message: `at most ${RULESET_LIMITS.maxJourneys} journeys; delete one first` },
    ]);
  const live = liveJourneys(sql);
  const status = draftStatus(existing?.status, journey.paused, live.has(journey.id));
  const at = Date.now();
  storage.transactionSync(() => {
    drafts.writeDraft(sql, {
      journey,
      status,
      at,
      by: actor,
      publishedVersion: existing?.publishedVersion ?? null,
    });
    appendAudit(sql, { at, actor, action: existing ? "journey.update" : "journey.create", target: journey.id });
  });
  const saved = drafts.readDraft(sql, journey.id)!;
  return ok({ record: toJourneyRecord(saved, saved.journey!, live), created: !existing });
}

/** Removes a draft; the journey leaves the live site at the next publish. */
export function deleteJourneyDraft(storage: DurableObjectStorage, id: string, actor: string): boolean {
  let deleted = false;
  storage.transactionSync(() => {
    deleted = drafts.deleteDraft(storage.sql, id);
    if (deleted) appendAudit(storage.sql, { at: Date.now(), actor, action: "journey.delete", target: id });
  });
  return deleted;
}

/** Pure: a draft as the admin API shows it; "dirty" when it differs from the live version of the journey. */
export function toJourneyRecord(d: drafts.Draft, journey: Journey, live: Map<string, Journey>): JourneyRecord {
  const published = live.get(d.id);
  const dirty = !published || stableJson(drafts.draftAsPublished(journey, d.status)) !== stableJson(published);
  return {
    id: d.id,
    journey,
    status: d.status,
    dirty,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    publishedVersion: d.publishedVersion,
  };
}
