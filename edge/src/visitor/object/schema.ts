import { PENDING_EXPORTS_TABLE } from "../../export/pending-exports.ts";
import { migrateSql, type SqlMigrations } from "../../storage/sql-migrations.ts";

/** The visitor's tables: append a step to change them (each runs once, in order). */
const MIGRATIONS: SqlMigrations = [
  [
    `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    // One row: the VisitorState as JSON, with the counters people query as columns.
    `CREATE TABLE IF NOT EXISTS state (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       visitor_id TEXT NOT NULL,
       json TEXT NOT NULL,
       version INTEGER NOT NULL,
       event_count INTEGER NOT NULL,
       page_views INTEGER NOT NULL,
       exposures INTEGER NOT NULL DEFAULT 0,
       stage_changes INTEGER NOT NULL DEFAULT 0,
       last_seen_at INTEGER NOT NULL,
       wake_at INTEGER
     )`,
    // Bounded log of recent events; event_id makes client retries idempotent.
    `CREATE TABLE IF NOT EXISTS events (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       event_id TEXT,
       type TEXT NOT NULL,
       at INTEGER NOT NULL,
       data TEXT
     )`,
    `CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id) WHERE event_id IS NOT NULL`,
    // Scheduled work with retries: stats batches and webhook deliveries (written atomically with the state).
    `CREATE TABLE IF NOT EXISTS outbox (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       kind TEXT NOT NULL,
       payload TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_at INTEGER NOT NULL,
       last_error TEXT,
       delivery_id INTEGER
     )`,
    `CREATE INDEX IF NOT EXISTS outbox_next_at ON outbox (next_at)`,
    // Outcome of each webhook delivery (admin visitor view).
    `CREATE TABLE IF NOT EXISTS deliveries (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       journey TEXT NOT NULL,
       stage TEXT NOT NULL,
       url TEXT NOT NULL,
       status TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       at INTEGER NOT NULL,
       detail TEXT
     )`,
  ],
  // On a customer's object: the linked browser that sent each event, so its /me shows its own events only.
  [`ALTER TABLE events ADD COLUMN device TEXT`],
  // Offer examples (issue 18): what an offer decision point showed on which features, until its label is known.
  [
    `CREATE TABLE IF NOT EXISTS offer_examples (
       id TEXT PRIMARY KEY,
       journey TEXT NOT NULL,
       model TEXT NOT NULL,
       offer TEXT NOT NULL,
       objective TEXT NOT NULL,
       base REAL NOT NULL,
       idx TEXT NOT NULL,
       val TEXT NOT NULL,
       segment TEXT NOT NULL,
       shown_at INTEGER NOT NULL,
       until INTEGER NOT NULL,
       label INTEGER,
       outbox_id INTEGER
     )`,
  ],
];

/** The schema version this code writes (the number of steps). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates or migrates the visitor's tables; idempotent (on the first write, and on a wake that found an older
 * version). `at`: the stored version when the caller has read it already (the activation query does).
 */
export function ensureSchema(sql: SqlStorage, at?: number): void {
  migrateSql(sql, MIGRATIONS, "schema", at);
}

/**
 * Which of the tables an activation cares about exist, in one query: meta (the object ever stored anything; the
 * visitor's tables come with it), tombstone (erased) and export_pending (an erasure's export row waits).
 */
export function presentTables(sql: SqlStorage): Set<string> {
  const rows = sql.exec<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'tombstone', ?)`,
    PENDING_EXPORTS_TABLE,
  );
  const names = new Set<string>();
  for (const r of rows) names.add(r.name);
  return names;
}
