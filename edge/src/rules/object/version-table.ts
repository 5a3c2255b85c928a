import type { VersionSummary } from "@waymark/shared/schemas/api.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { z } from "zod";
import { parseJson } from "./parse-json.ts";
import { getMeta, setMeta } from "./rules-schema.ts";

/** A journey of a stored version that no longer validates, left out of what is served. */
export interface DroppedJourney {
  journey: string;
  message: string;
}

export type VersionRead = { ruleset: Ruleset; dropped: DroppedJourney[] } | { missing: true } | { corrupt: string };

// The version's envelope, its journeys checked one by one below.
const StoredRuleset = Ruleset.extend({ journeys: z.array(z.unknown()) });

interface VersionRow extends Record<string, SqlStorageValue> {
  version: number;
  json: string;
  journey_ids: string;
  published_at: number;
  published_by: string;
  note: string | null;
  rollback_of: number | null;
}

/**
 * One immutable version, re-validated: a row whose envelope no longer parses is reported as corrupt, never served.
 * Journeys are checked one by one: one that no longer validates (a stricter check after an upgrade, a damaged row)
 * is left out and reported, and the version's other journeys keep serving.
 */
export function readVersion(sql: SqlStorage, version: number): VersionRead {
  const row = sql.exec<VersionRow>(`SELECT json, version FROM versions WHERE version = ?`, version).toArray()[0];
  if (!row) return { missing: true };
  const parsed = StoredRuleset.safeParse(parseJson(row.json));
  if (!parsed.success) return { corrupt: parsed.error.issues[0]?.message ?? "not JSON" };
  if (parsed.data.version !== version) return { corrupt: "stored version number does not match" };
  const journeys: Journey[] = [];
  const dropped: DroppedJourney[] = [];
  parsed.data.journeys.forEach((raw, i) => {
    const j = Journey.safeParse(raw);
    if (j.success) journeys.push(j.data);
    else {
      const id = (raw as { id?: unknown } | null)?.id;
      const issue = j.error.issues[0];
      dropped.push({
        journey: typeof id === "string" ? id : `#${i}`,
        message: issue ? `${issue.path.join(".") || "journey"}: ${issue.message}` : "invalid",
      });
    }
  });
  return { ruleset: { ...parsed.data, journeys }, dropped };
}

export function insertVersion(sql: SqlStorage, ruleset: Ruleset, rollbackOf: number | null): void {
  sql.exec(
    `INSERT INTO versions (version, json, journey_ids, published_at, published_by, note, rollback_of)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ruleset.version,
    JSON.stringify(ruleset),
    JSON.stringify(ruleset.journeys.map((j) => j.id)),
    ruleset.publishedAt,
    ruleset.publishedBy ?? "",
    ruleset.note ?? null,
    rollbackOf,
  );
}

export function nextVersionNumber(sql: SqlStorage): number {
  return (sql.exec<{ v: number | null }>(`SELECT MAX(version) AS v FROM versions`).one().v ?? 0) + 1;
}

export function countVersions(sql: SqlStorage): number {
  return sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM versions`).one().n;
}

/** Version numbers, newest first. */
export function versionNumbers(sql: SqlStorage): number[] {
  return sql
    .exec<{ version: number }>(`SELECT version FROM versions ORDER BY version DESC`)
    .toArray()
    .map((r) => r.version);
}

/** The live pointer (0 = nothing published yet). */
export function livePointer(sql: SqlStorage): number {
  return Number(getMeta(sql, "live") ?? "0");
}

export function setLivePointer(sql: SqlStorage, version: number): void {
  setMeta(sql, "live", String(version));
}

export function listVersionSummaries(sql: SqlStorage, limit = 500): VersionSummary[] {
  return sql
    .exec<VersionRow>(
      `SELECT version, journey_ids, published_at, published_by, note, rollback_of FROM versions
       ORDER BY version DESC LIMIT ?`,
      limit,
    )
    .toArray()
    .map((r) => {
      const ids = parseJson(r.journey_ids);
      const summary: VersionSummary = {
        version: r.version,
        publishedAt: r.published_at,
        publishedBy: r.published_by,
        journeys: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [],
      };
      if (r.note !== null) summary.note = r.note;
      if (r.rollback_of !== null) summary.rollbackOf = r.rollback_of;
      return summary;
    });
}
