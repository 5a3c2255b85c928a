import { migrateSql, type SqlMigrations } from "../../storage/sql-migrations.ts";

/** The rules store's tables: append a step to change them (each runs once, in order). */
const MIGRATIONS: SqlMigrations = [
  [
    `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS drafts (
      id TEXT PRIMARY KEY, json TEXT NOT NULL, status TEXT NOT NULL, updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL, published_version INTEGER)`,
    `CREATE TABLE IF NOT EXISTS versions (
      version INTEGER PRIMARY KEY, json TEXT NOT NULL, journey_ids TEXT NOT NULL, published_at INTEGER NOT NULL,
      published_by TEXT NOT NULL, note TEXT, rollback_of INTEGER)`,
    `CREATE TABLE IF NOT EXISTS audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
      target TEXT, detail TEXT)`,
    `CREATE TABLE IF NOT EXISTS qa (id TEXT PRIMARY KEY, journey TEXT NOT NULL, at INTEGER NOT NULL, json TEXT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS qa_by_journey ON qa (journey, at)`,
  ],
  // Publish requests (roles and approvals): the drafts' snapshot an approval publishes, and who decided.
  [
    `CREATE TABLE IF NOT EXISTS publish_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, note TEXT, requested_by TEXT NOT NULL,
      requested_at INTEGER NOT NULL, base_version INTEGER NOT NULL, snapshot TEXT NOT NULL, decided_by TEXT,
      decided_at INTEGER, decision_note TEXT, published_version INTEGER)`,
    `CREATE INDEX IF NOT EXISTS publish_requests_by_status ON publish_requests (status, id)`,
  ],
  // Saved audiences (issue 16): drafts, published with the journeys in the same versions (Ruleset.audiences).
  [
    `CREATE TABLE IF NOT EXISTS audiences (
      id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,
      published_version INTEGER)`,
  ],
];

/** Creates or migrates the rules store's tables (idempotent). */
export function ensureRulesSchema(sql: SqlStorage): void {
  // Stores created before the shared helper count their steps under "schema_version".
  migrateSql(sql, MIGRATIONS, "schema_version");
}

export function getMeta(sql: SqlStorage, key: string): string | null {
  return sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0]?.value ?? null;
}

export function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, value);
}
