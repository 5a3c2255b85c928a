import { Audience, AUDIENCE_LIMITS, type AudienceRecord } from "@waymark/shared/schemas/audience.ts";
import { audienceGraphIssues, audienceUsers, unknownAudienceIssues } from "@waymark/shared/engine/audience-refs.ts";
import { zodIssues } from "../../http/errors.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";
import * as table from "./audience-table.ts";
import { appendAudit } from "./audit-log.ts";
import type { Corrupt } from "./draft-ruleset.ts";
import * as drafts from "./draft-table.ts";
import { readLiveRuleset } from "./live-ruleset.ts";
import { stableJson } from "./stable-json.ts";

/** The journeys (drafts) and audiences (drafts) that may use an audience: what "used by" is computed from. */
function users(sql: SqlStorage) {
  return {
    journeys: drafts.readDrafts(sql).flatMap((d) => (d.journey ? [d.journey] : [])),
    audiences: table.validAudienceDrafts(sql),
  };
}

function liveAudiences(sql: SqlStorage): Map<string, Audience> {
  return new Map((readLiveRuleset(sql).ruleset?.audiences ?? []).map((a) => [a.id, a]));
}

function toRecord(
  d: table.AudienceDraft,
  audience: Audience,
  live: Map<string, Audience>,
  u: ReturnType<typeof users>,
): AudienceRecord {
  const published = live.get(d.id);
  return {
    id: d.id,
    audience,
    published: published !== undefined,
    dirty: !published || stableJson(published) !== stableJson(audience),
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    publishedVersion: d.publishedVersion,
    usedBy: audienceUsers(d.id, u.journeys, u.audiences),
  };
}

export function listAudienceRecords(sql: SqlStorage): { audiences: AudienceRecord[]; corrupt: Corrupt } {
  const live = liveAudiences(sql);
  const u = users(sql);
  const audiences: AudienceRecord[] = [];
  const corrupt: Corrupt = [];
  for (const d of table.readAudienceDrafts(sql)) {
    if (d.audience) audiences.push(toRecord(d, d.audience, live, u));
    else corrupt.push({ id: d.id, message: d.error ?? "corrupt" });
  }
  return { audiences, corrupt };
}

export function getAudienceRecord(sql: SqlStorage, id: string): StoreResult<AudienceRecord> {
  const d = table.readAudienceDraft(sql, id);
  if (!d) return fail(404, `no audience "${id}"`);
  if (!d.audience) return fail(500, d.error ?? "stored audience is corrupt");
  return ok(toRecord(d, d.audience, liveAudiences(sql), users(sql)));
}

/**
 * Creates or replaces an audience draft: the schema, then its references (every audience it uses must exist; no
 * circle through it; at most AUDIENCE_LIMITS.maxNesting deep), each refused with a path inside the audience.
 */
export function putAudienceDraft(
  storage: DurableObjectStorage,
  input: unknown,
  actor: string,
): StoreResult<{ record: AudienceRecord; created: boolean }> {
  const sql = storage.sql;
  const parsed = Audience.safeParse(input);
  if (!parsed.success) return fail(400, "invalid audience", zodIssues(parsed.error));
  const audience = parsed.data;
  const existing = table.readAudienceDraft(sql, audience.id);
  if (!existing && table.countAudienceDrafts(sql) >= AUDIENCE_LIMITS.maxAudiences)
    return fail(400, "too many audiences", [
      { path: [], message: `at most ${AUDIENCE_LIMITS.maxAudiences} audiences; delete one first` },
    ]);
  const others = table.validAudienceDrafts(sql).filter((a) => a.id !== audience.id);
  const known = new Set([audience.id, ...others.map((a) => a.id)]);
  const issues = unknownAudienceIssues(audience.conditions, known).map((i) => ({
    path: ["conditions", ...i.path],
    message: i.message,
  }));
  for (const i of audienceGraphIssues([audience, ...others]))
    if (i.chain.includes(audience.id))
      issues.push({ path: i.audience === audience.id ? i.path : [], message: i.message });
  if (issues.length) return fail(400, "invalid audience", issues);
  const at = Date.now();
  storage.transactionSync(() => {
    table.writeAudienceDraft(sql, { audience, at, by: actor, publishedVersion: existing?.publishedVersion ?? null });
    appendAudit(sql, { at, actor, action: existing ? "audience.update" : "audience.create", target: audience.id });
  });
  const saved = table.readAudienceDraft(sql, audience.id)!;
  return ok({ record: toRecord(saved, saved.audience!, liveAudiences(sql), users(sql)), created: !existing });
}

/**
 * Removes an audience draft (it leaves the live site at the next publish), refused (409) while a journey or another
 * audience uses it, naming them.
 */
export function deleteAudienceDraft(storage: DurableObjectStorage, id: string, actor: string): StoreResult<null> {
  const sql = storage.sql;
  if (!table.readAudienceDraft(sql, id)) return fail(404, `no audience "${id}"`);
  const u = users(sql);
  const usedBy = audienceUsers(id, u.journeys, u.audiences);
  const names = [
    ...(usedBy.journeys.length ? [`${plural(usedBy.journeys.length, "journey")} ${usedBy.journeys.join(", ")}`] : []),
    ...(usedBy.audiences.length
      ? [`${plural(usedBy.audiences.length, "audience")} ${usedBy.audiences.join(", ")}`]
      : []),
  ];
  if (names.length)
    return fail(409, `audience "${id}" is used by ${names.join(" and ")}: take it out of them first, then delete it`);
  storage.transactionSync(() => {
    table.deleteAudienceDraft(sql, id);
    appendAudit(sql, { at: Date.now(), actor, action: "audience.delete", target: id });
  });
  return ok(null);
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
