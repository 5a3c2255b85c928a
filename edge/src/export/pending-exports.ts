import type { ExportRecord } from "./export-record.ts";
import { sendRecords } from "./send-records.ts";

/** Its table (present only while a row waits). */
export const PENDING_EXPORTS_TABLE = "export_pending";
const TABLE = PENDING_EXPORTS_TABLE;

/** Retries: 30 s, 1 min, 2 min ... capped at 1 h. */
function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Export rows an erasure could not send at once (the queue was down). An erased visitor's object keeps nothing but
 * its tombstone, so these wait in their own table, dropped as soon as it is empty; the alarm retries them until
 * they are sent or the tombstone itself expires with the rest of the object.
 */
export class PendingExports {
  /** undefined: not read yet. */
  private present: boolean | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** The activation found the table (or not): has() need not ask. */
  opened(present: boolean): void {
    this.present = present;
  }

  has(): boolean {
    this.present ??=
      this.sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${TABLE}'`).toArray().length > 0;
    return this.present;
  }

  add(records: readonly ExportRecord[], nextAt: number): void {
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, payload TEXT NOT NULL,
         attempts INTEGER NOT NULL DEFAULT 1, next_at INTEGER NOT NULL)`,
    );
    this.sql.exec(`INSERT INTO ${TABLE} (payload, next_at) VALUES (?, ?)`, JSON.stringify(records), nextAt);
    this.present = true;
  }

  /** Every row waiting, due or not. */
  records(): ExportRecord[] {
    if (!this.has()) return [];
    return this.sql
      .exec<{ payload: string }>(`SELECT payload FROM ${TABLE} ORDER BY id`)
      .toArray()
      .flatMap((r) => JSON.parse(r.payload) as ExportRecord[]);
  }

  nextAt(): number | null {
    if (!this.has()) return null;
    return this.sql.exec<{ t: number | null }>(`SELECT MIN(next_at) AS t FROM ${TABLE}`).one().t;
  }

  /** Sends the due rows (none left: the table goes); failures wait with backoff. No queue bound: they are dropped. */
  async flush(queue: Queue<ExportRecord> | null, now: number): Promise<void> {
    if (!this.has()) return;
    const rows = this.sql
      .exec<{ id: number; payload: string; attempts: number }>(
        `SELECT id, payload, attempts FROM ${TABLE} WHERE next_at <= ? ORDER BY id`,
        now,
      )
      .toArray();
    try {
      if (queue && rows.length)
        await sendRecords(
          queue,
          rows.flatMap((r) => JSON.parse(r.payload) as ExportRecord[]),
        );
      for (const r of rows) this.sql.exec(`DELETE FROM ${TABLE} WHERE id = ?`, r.id);
    } catch {
      for (const r of rows)
        this.sql.exec(
          `UPDATE ${TABLE} SET attempts = ?, next_at = ? WHERE id = ?`,
          r.attempts + 1,
          now + backoffMs(r.attempts + 1),
          r.id,
        );
    }
    if (!queue || !this.sql.exec(`SELECT 1 FROM ${TABLE} LIMIT 1`).toArray().length) {
      this.sql.exec(`DROP TABLE ${TABLE}`);
      this.present = false;
    }
  }

  /** The storage was wiped. */
  reset(): void {
    this.present = undefined;
  }
}
