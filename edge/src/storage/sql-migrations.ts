/** A Durable Object class's schema: steps that each run once, in order. Append a step; never edit a shipped one. */
export type SqlMigrations = readonly (readonly string[])[];

const META = `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/**
 * Creates or upgrades an object's tables (idempotent; run in blockConcurrencyWhile). The number of steps applied
 * is kept in the `meta` table under `versionKey`, so an object created by an older release runs only the new ones.
 * `known`: that number, when the caller has read it already (it then exists, and is not read again).
 */
export function migrateSql(sql: SqlStorage, migrations: SqlMigrations, versionKey = "schema", known?: number): void {
  let at = known;
  if (at === undefined) {
    sql.exec(META);
    const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, versionKey).toArray()[0];
    at = row ? Number(row.value) : 0;
  }
  if (at === 0 && migrations.length) {
    // A new object: every step and the version row in one call (one crossing into SQLite, not one per statement).
    const steps = [META, ...migrations.flat()];
    steps.push(`INSERT OR REPLACE INTO meta (key, value) VALUES ('${versionKey}', '${migrations.length}')`);
    sql.exec(steps.join(";\n"));
    return;
  }
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
