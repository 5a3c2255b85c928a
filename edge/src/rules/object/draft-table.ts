import type { JourneyStatus } from "@waymark/shared/schemas/api.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { zodIssues } from "../../http/errors.ts";
import { parseJson } from "./parse-json.ts";
import type { Issue } from "../store-result.ts";

/** A stored draft, re-validated on read: `journey` is null (and `error` says why) when the row is corrupt. */
export interface Draft {
  id: string;
  journey: Journey | null;
  error?: string;
  /** Why a corrupt row fails the schema, with paths inside the journey. */
  issues?: Issue[];
  status: JourneyStatus;
  updatedAt: number;
  updatedBy: string;
  publishedVersion: number | null;
}

interface DraftRow extends Record<string, SqlStorageValue> {
  id: string;
  json: string;
  status: string;
  updated_at: number;
  updated_by: string;
  published_version: number | null;
}

const COLUMNS = `id, json, status, updated_at, updated_by, published_version`;

function toDraft(r: DraftRow): Draft {
  const parsed = Journey.safeParse(parseJson(r.json));
  const status: JourneyStatus = r.status === "paused" || r.status === "published" ? r.status : "draft";
  const base = {
    id: r.id,
    status,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    publishedVersion: r.published_version,
  };
  if (parsed.success && parsed.data.id === r.id) return { ...base, journey: parsed.data };
  const issues: Issue[] = parsed.success
    ? [{ path: ["id"], message: "stored id does not match the row" }]
    : zodIssues(parsed.error);
  return { ...base, journey: null, error: `stored draft is corrupt: ${issues[0]?.message ?? "not JSON"}`, issues };
}

export function readDrafts(sql: SqlStorage): Draft[] {
  return sql.exec<DraftRow>(`SELECT ${COLUMNS} FROM drafts ORDER BY id`).toArray().map(toDraft);
}

export function readDraft(sql: SqlStorage, id: string): Draft | null {
  const row = sql.exec<DraftRow>(`SELECT ${COLUMNS} FROM drafts WHERE id = ?`, id).toArray()[0];
  return row ? toDraft(row) : null;
}

export function countDrafts(sql: SqlStorage): number {
  return sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM drafts`).one().n;
}

/** Stores a draft. The paused flag lives in `status`, never in the JSON, so the two cannot disagree. */
export function writeDraft(
  sql: SqlStorage,
  d: { journey: Journey; status: JourneyStatus; at: number; by: string; publishedVersion: number | null },
): void {
  const { paused: _paused, ...journey } = d.journey;
  sql.exec(
    `INSERT OR REPLACE INTO drafts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
    journey.id,
    JSON.stringify(journey),
    d.status,
    d.at,
    d.by,
    d.publishedVersion,
  );
}

export function deleteDraft(sql: SqlStorage, id: string): boolean {
  return sql.exec(`DELETE FROM drafts WHERE id = ?`, id).rowsWritten > 0;
}

/** The journey as a publish would put it in a ruleset: paused drafts carry "paused": true. */
export function draftAsPublished(journey: Journey, status: JourneyStatus): Journey {
  const { paused: _paused, ...rest } = journey;
  return status === "paused" ? { ...rest, paused: true } : rest;
}
