/**
 * What is left of an erased visitor: when it was erased, nothing else. Every write checks it, so events, pages and
 * identify calls in flight when the visitor opted out or deleted its data cannot bring the old visitor back. Kept in
 * its own table, written after deleteAll; an explicit opt-in clears it, and the alarm erases it after retention.
 */
export class Tombstone {
  /** undefined: not read yet; null: none. */
  private erasedAt: number | null | undefined;
  /** Whether the table exists, when known (the activation asks once for all its tables: see presentTables). */
  private table: boolean | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** The activation found the table (or not): at() need not ask. */
  opened(present: boolean): void {
    this.erasedAt = present ? undefined : null;
    this.table = present;
  }

  at(): number | null {
    if (this.erasedAt === undefined) {
      const has =
        this.table ??
        this.sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstone'`).toArray().length > 0;
      this.erasedAt = has
        ? (this.sql.exec<{ at: number }>(`SELECT at FROM tombstone WHERE id = 1`).toArray()[0]?.at ?? null)
        : null;
      this.table = undefined;
    }
    return this.erasedAt;
  }

  /** Refuses writes from now on (in memory at once, so writes racing the erasure see it before storage does). */
  mark(at: number): void {
    this.erasedAt = at;
  }

  /** Stores the mark (after deleteAll, which would wipe it). */
  persist(): void {
    if (this.erasedAt === null || this.erasedAt === undefined) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS tombstone (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)`);
    this.sql.exec(
      `INSERT INTO tombstone (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
      this.erasedAt,
    );
  }

  /** The visitor opted back in (or the tombstone expired): writes are welcome again. */
  lift(): void {
    if (this.at() !== null) this.sql.exec(`DROP TABLE IF EXISTS tombstone`);
    this.erasedAt = null;
  }

  /** Forgets the cached value (the storage was wiped). */
  reset(): void {
    this.erasedAt = undefined;
    this.table = undefined;
  }
}
