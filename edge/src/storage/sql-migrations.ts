/** A Durable Object class's schema: steps that each run once, in order. Append a step; never edit a shipped one. */
export type SqlMigrations = readonly (readonly string[])[];

const META = `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/**
 * Creates or upgrades an object's tables (idempotent; run in blockConcurrencyWhile). The number of steps applied
 * is kept in the `meta` table under `versionKey`, so an object created by an older release runs only the new ones.
 */
export function migrateSql(sql: SqlStorage, migrations: SqlMigrations, versionKey = "schema"): void {
  sql.exec(META);
  const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, versionKey).toArray()[0];
  let at = row ? Number(row.value) : 0;
  while (at < migrations.length) {
    for (const stmt of migrations[at]) sql.exec(stmt);
    at++;
    sql.exec(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      versionKey,
      String(at),
    );
  }
}
