import type { AuditEntry } from "@waymark/shared/schemas/api.ts";

/** Appends one line to the audit log (who did what, to what, when). */
export function appendAudit(
  sql: SqlStorage,
  entry: { at: number; actor: string; action: string; target?: string | null; detail?: string | null },
): void {
  sql.exec(
    `INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
    entry.at,
    entry.actor,
    entry.action,
    entry.target ?? null,
    entry.detail ?? null,
  );
}

/** Newest entries first. */
export function listAudit(sql: SqlStorage, limit: number): AuditEntry[] {
  return sql
    .exec<AuditEntry>(`SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?`, limit)
    .toArray()
    .map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail }));
}
