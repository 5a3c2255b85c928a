import { PublishRequestStatus } from "@waymark/shared/schemas/access.ts";

/** A publish request as stored: `snapshot` is the stable JSON of the drafts' content when it was made. */
export interface PublishRequestRow {
  id: number;
  status: PublishRequestStatus;
  note: string | null;
  requestedBy: string;
  requestedAt: number;
  baseVersion: number;
  snapshot: string;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
  publishedVersion: number | null;
}

interface Row extends Record<string, SqlStorageValue> {
  id: number;
  status: string;
  note: string | null;
  requested_by: string;
  requested_at: number;
  base_version: number;
  snapshot: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
  published_version: number | null;
}

const COLUMNS = `id, status, note, requested_by, requested_at, base_version, snapshot, decided_by, decided_at,
  decision_note, published_version`;

function toRow(r: Row): PublishRequestRow {
  const status = PublishRequestStatus.safeParse(r.status);
  return {
    id: r.id,
    // An unknown status (a newer release's, or a damaged row) is never "pending": nothing can approve it.
    status: status.success ? status.data : "withdrawn",
    note: r.note,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    baseVersion: r.base_version,
    snapshot: r.snapshot,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    publishedVersion: r.published_version,
  };
}

export function insertPublishRequest(
  sql: SqlStorage,
  r: { note: string | null; requestedBy: string; requestedAt: number; baseVersion: number; snapshot: string },
): number {
  return sql
    .exec<{ id: number }>(
      `INSERT INTO publish_requests (status, note, requested_by, requested_at, base_version, snapshot)
       VALUES ('pending', ?, ?, ?, ?, ?) RETURNING id`,
      r.note,
      r.requestedBy,
      r.requestedAt,
      r.baseVersion,
      r.snapshot,
    )
    .one().id;
}

export function readPublishRequest(sql: SqlStorage, id: number): PublishRequestRow | null {
  const row = sql.exec<Row>(`SELECT ${COLUMNS} FROM publish_requests WHERE id = ?`, id).toArray()[0];
  return row ? toRow(row) : null;
}

/** Newest first; pending ones only when `status` says so. */
export function listPublishRequestRows(
  sql: SqlStorage,
  status: PublishRequestStatus | null,
  limit: number,
): PublishRequestRow[] {
  const rows = status
    ? sql.exec<Row>(`SELECT ${COLUMNS} FROM publish_requests WHERE status = ? ORDER BY id DESC LIMIT ?`, status, limit)
    : sql.exec<Row>(`SELECT ${COLUMNS} FROM publish_requests ORDER BY id DESC LIMIT ?`, limit);
  return rows.toArray().map(toRow);
}

/** Records the decision on a pending request (approved, rejected or withdrawn). */
export function decidePublishRequest(
  sql: SqlStorage,
  id: number,
  d: { status: Exclude<PublishRequestStatus, "pending">; by: string; at: number; note: string | null },
  publishedVersion: number | null = null,
): void {
  sql.exec(
    `UPDATE publish_requests SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?, published_version = ?
     WHERE id = ? AND status = 'pending'`,
    d.status,
    d.by,
    d.at,
    d.note,
    publishedVersion,
    id,
  );
}
