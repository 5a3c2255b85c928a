import { Audience } from "@waymark/shared/schemas/audience.ts";
import { zodIssues } from "../../http/errors.ts";
import type { Issue } from "../store-result.ts";
import { parseJson } from "./parse-json.ts";

/** A stored audience draft, re-validated on read: `audience` is null (and `error` says why) when the row is corrupt. */
export interface AudienceDraft {
  id: string;
  audience: Audience | null;
  error?: string;
  issues?: Issue[];
  updatedAt: number;
  updatedBy: string;
  publishedVersion: number | null;
}

interface AudienceRow extends Record<string, SqlStorageValue> {
  id: string;
  json: string;
  updated_at: number;
  updated_by: string;
  published_version: number | null;
}

const COLUMNS = `id, json, updated_at, updated_by, published_version`;

function toDraft(r: AudienceRow): AudienceDraft {
  const parsed = Audience.safeParse(parseJson(r.json));
  const base = { id: r.id, updatedAt: r.updated_at, updatedBy: r.updated_by, publishedVersion: r.published_version };
  if (parsed.success && parsed.data.id === r.id) return { ...base, audience: parsed.data };
  const issues: Issue[] = parsed.success
    ? [{ path: ["id"], message: "stored id does not match the row" }]
    : zodIssues(parsed.error);
  return { ...base, audience: null, error: `stored audience is corrupt: ${issues[0]?.message ?? "not JSON"}`, issues };
}

export function readAudienceDrafts(sql: SqlStorage): AudienceDraft[] {
  return sql.exec<AudienceRow>(`SELECT ${COLUMNS} FROM audiences ORDER BY id`).toArray().map(toDraft);
}

export function readAudienceDraft(sql: SqlStorage, id: string): AudienceDraft | null {
  const row = sql.exec<AudienceRow>(`SELECT ${COLUMNS} FROM audiences WHERE id = ?`, id).toArray()[0];
  return row ? toDraft(row) : null;
}

/** The valid audience drafts (what a publish takes). */
export function validAudienceDrafts(sql: SqlStorage): Audience[] {
  return readAudienceDrafts(sql).flatMap((d) => (d.audience ? [d.audience] : []));
}

export function writeAudienceDraft(
  sql: SqlStorage,
  d: { audience: Audience; at: number; by: string; publishedVersion: number | null },
): void {
  sql.exec(
    `INSERT OR REPLACE INTO audiences (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`,
    d.audience.id,
    JSON.stringify(d.audience),
    d.at,
    d.by,
    d.publishedVersion,
  );
}

/** Marks every audience draft as published in `version` (after a publish took them all). */
export function markAudiencesPublished(sql: SqlStorage, version: number): void {
  sql.exec(`UPDATE audiences SET published_version = ?`, version);
}

export function deleteAudienceDraft(sql: SqlStorage, id: string): boolean {
  return sql.exec(`DELETE FROM audiences WHERE id = ?`, id).rowsWritten > 0;
}

export function countAudienceDrafts(sql: SqlStorage): number {
  return sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM audiences`).one().n;
}
