import type { SqlMigrations } from "../../storage/sql-migrations.ts";

/** A decision point's model tables: append a step to change them (each runs once, in order). */
export const MODEL_MIGRATIONS: SqlMigrations = [
  [
    // One row: the model (ModelSnapshot as JSON), rewritten once per batch.
    `CREATE TABLE IF NOT EXISTS model (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)`,
    // Example ids already taken in (pending or learned): a retried delivery is not counted twice.
    `CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS seen_at ON seen (at)`,
    // Labelled examples waiting for the next batch.
    `CREATE TABLE IF NOT EXISTS pending (
       id TEXT PRIMARY KEY, offer TEXT NOT NULL, idx TEXT NOT NULL, val TEXT NOT NULL, label INTEGER NOT NULL,
       device TEXT NOT NULL, source TEXT NOT NULL, interest TEXT NOT NULL, at INTEGER NOT NULL)`,
    // Per offer and segment: examples, conversions, and the sum of the model's propensity for them when learned.
    `CREATE TABLE IF NOT EXISTS segments (
       offer TEXT NOT NULL, dim TEXT NOT NULL, value TEXT NOT NULL,
       exposures INTEGER NOT NULL, conversions INTEGER NOT NULL, propensity REAL NOT NULL,
       PRIMARY KEY (offer, dim, value))`,
  ],
];
