import { flushOfferExamples, OFFER_EXAMPLE_KIND } from "../../models/visitor/offer-examples.ts";
import type { StatsEvent } from "@waymark/shared";
import { exportQueue } from "../../export/export-bindings.ts";
import type { ExportRecord } from "../../export/export-record.ts";
import { sendRecords } from "../../export/send-records.ts";
import { recordStats } from "../../stats/record-stats.ts";
import { deliverWebhook } from "../../webhooks/deliver-webhook.ts";
import type { WebhookJob } from "../../webhooks/webhook-job.ts";

interface OutboxRow {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  delivery_id: number | null;
}

/** Retries: 30 s, 1 min, 2 min ... capped at 1 h, at most MAX_ATTEMPTS tries in all. */
const MAX_ATTEMPTS = 8;
/** Export rows wait longer for a queue that is down: about two days of hourly tries before they are given up. */
const EXPORT_MAX_ATTEMPTS = 56;

function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Webhooks delivered per flush (one fetch each). */
const BATCH = 50;
/** Rows read per flush: stats and export rows are small and leave in one call per kind. */
const ROWS_PER_FLUSH = 500;
const MAX_STATS_PER_CALL = 1_000;

/**
 * Stats and export rows are batched per visitor: they wait this long after the page that wrote them, so what the
 * visitor does meanwhile leaves in the same delivery (one stats write instead of one per page).
 */
export const STATS_BATCH_DELAY_MS = 5_000;

/**
 * Delivers the due outbox rows: stats batches (merged into one recordStats call) and webhooks (one each).
 * Delivered rows are deleted; failed ones are retried with backoff, and given up after MAX_ATTEMPTS.
 *
 * A delivery also takes the stats and export rows still waiting out their batching delay (first tries only; a
 * retry keeps its backoff). Without that, the alarm set for the next row after a flush fired for each page of a
 * visitor loading pages faster than the delay, one shard call per page: the returning visitor's deferred CPU in
 * the bench (issue 19).
 */
export async function flushOutbox(sql: SqlStorage, env: Env, shardKey: string, now: number): Promise<void> {
  const rows = sql
    .exec<OutboxRow & Record<string, SqlStorageValue>>(
      `SELECT id, kind, payload, attempts, delivery_id FROM outbox
       WHERE next_at <= ? OR (attempts = 0 AND kind IN ('stats', 'export') AND next_at <= ?) ORDER BY id LIMIT ?`,
      now,
      now + STATS_BATCH_DELAY_MS,
      ROWS_PER_FLUSH,
    )
    .toArray();
  const stats = rows.filter((r) => r.kind === "stats");
  // The rest stay due: the alarm set after this flush comes back for them at once.
  const hooks = rows.filter((r) => r.kind === "webhook").slice(0, BATCH);
  const exports = rows.filter((r) => r.kind === "export");
  const offers = rows.filter((r) => r.kind === OFFER_EXAMPLE_KIND);
  await Promise.all([
    flushStats(sql, env, shardKey, stats, now),
    flushExport(sql, env, exports, now),
    ...hooks.map((r) => flushWebhook(sql, env, r, now)),
    flushOfferExamples(sql, env, offers, (r, error) => retryOrDrop(sql, r as OutboxRow, now, error)),
  ]);
}

/**
 * Queues warehouse export rows (EXPORT_QUEUE) for the next delivery, in the caller's transaction: the records keep
 * the ids they were given here through every retry.
 */
export function enqueueExport(sql: SqlStorage, records: readonly ExportRecord[], nextAt: number): void {
  if (records.length)
    sql.exec(`INSERT INTO outbox (kind, payload, next_at) VALUES ('export', ?, ?)`, JSON.stringify(records), nextAt);
}

/**
 * Every stats fact still waiting in the outbox (due or not): an opt-out delivers them with its own before the
 * erasure, so the visitor's enrolment is not lost while their opt_out is counted.
 */
export function pendingStats(sql: SqlStorage): StatsEvent[] {
  return sql
    .exec<{ payload: string }>(`SELECT payload FROM outbox WHERE kind = 'stats' ORDER BY id`)
    .toArray()
    .flatMap((r) => JSON.parse(r.payload) as StatsEvent[]);
}

async function flushStats(sql: SqlStorage, env: Env, shardKey: string, rows: OutboxRow[], now: number) {
  if (!rows.length) return;
  const events: StatsEvent[] = rows.flatMap((r) => JSON.parse(r.payload) as StatsEvent[]);
  try {
    for (let i = 0; i < events.length; i += MAX_STATS_PER_CALL)
      await recordStats(env, shardKey, events.slice(i, i + MAX_STATS_PER_CALL));
    deleteRows(sql, rows);
  } catch (err) {
    for (const r of rows) retryOrDrop(sql, r, now, err instanceof Error ? err.message : "stats write failed");
  }
}

async function flushExport(sql: SqlStorage, env: Env, rows: OutboxRow[], now: number) {
  if (!rows.length) return;
  const queue = exportQueue(env);
  try {
    // The binding was removed since the rows were written: the export is off, nothing to send them to.
    if (queue)
      await sendRecords(
        queue,
        rows.flatMap((r) => JSON.parse(r.payload) as ExportRecord[]),
      );
    deleteRows(sql, rows);
  } catch (err) {
    for (const r of rows) retryOrDrop(sql, r, now, err instanceof Error ? err.message : "export send failed");
  }
}

/**
 * Deletes a delivered batch in one statement rather than one per row (measured in workerd, insert + select + delete
 * of a batch: 3 rows 28.7 -> 27.3 us, 10 rows 82 -> 63 us). The ids go as one JSON parameter: a Durable Object's
 * statement binds at most 100 parameters (a flush takes up to ROWS_PER_FLUSH rows, and a delete failing after a
 * delivery would leave the batch to be retried, so counted twice), and one statement text whatever the count is one
 * prepared statement per object rather than one per batch size.
 */
function deleteRows(sql: SqlStorage, rows: readonly OutboxRow[]): void {
  sql.exec(`DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(rows.map((r) => r.id)));
}

async function flushWebhook(sql: SqlStorage, env: Env, row: OutboxRow, now: number) {
  const job = JSON.parse(row.payload) as WebhookJob;
  const outcome = await deliverWebhook(env, job, now);
  const attempts = row.attempts + 1;
  if (outcome.ok || !outcome.retry || attempts >= MAX_ATTEMPTS) {
    const status = outcome.ok ? "delivered" : "failed";
    sql.exec(`DELETE FROM outbox WHERE id = ?`, row.id);
    if (row.delivery_id !== null)
      sql.exec(
        `UPDATE deliveries SET status = ?, attempts = ?, detail = ? WHERE id = ?`,
        status,
        attempts,
        outcome.detail,
        row.delivery_id,
      );
    return;
  }
  retryOrDrop(sql, row, now, outcome.detail);
  if (row.delivery_id !== null)
    sql.exec(
      `UPDATE deliveries SET attempts = ?, detail = ? WHERE id = ?`,
      attempts,
      `retrying: ${outcome.detail}`,
      row.delivery_id,
    );
}

function retryOrDrop(sql: SqlStorage, row: OutboxRow, now: number, error: string) {
  const attempts = row.attempts + 1;
  if (attempts >= MAX_ATTEMPTS && row.kind === "stats") {
    console.error("waymark: giving up on a stats batch after retries");
    sql.exec(`DELETE FROM outbox WHERE id = ?`, row.id);
    return;
  }
  if (attempts >= EXPORT_MAX_ATTEMPTS && row.kind === "export") {
    console.error("waymark: giving up on export records after retries (is EXPORT_QUEUE reachable?)");
    sql.exec(`DELETE FROM outbox WHERE id = ?`, row.id);
    return;
  }
  sql.exec(
    `UPDATE outbox SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?`,
    attempts,
    now + backoffMs(attempts),
    error.slice(0, 200),
    row.id,
  );
}
