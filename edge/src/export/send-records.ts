import type { ExportRecord } from "./export-record.ts";
import { pseudonymize } from "./pseudonymous-id.ts";

/** Queues limits: 100 messages and 256 KB per sendBatch, 128 KB per message; kept under all three. */
const MAX_MESSAGES = 100;
const MAX_BYTES = 200_000;
const MAX_MESSAGE_BYTES = 100_000;

const enc = new TextEncoder();

/**
 * A row small enough to be a message. Event data is bounded (EVENT_LIMITS) but not in bytes: a row past the limit
 * keeps everything but its data, marked `{"_truncated": true}`, rather than blocking the visitor's outbox forever.
 */
function fitted(r: ExportRecord): { body: ExportRecord; size: number } {
  const size = enc.encode(JSON.stringify(r)).byteLength;
  if (size <= MAX_MESSAGE_BYTES) return { body: r, size };
  const body = { ...r, event_data: JSON.stringify({ _truncated: true }) };
  return { body, size: enc.encode(JSON.stringify(body)).byteLength };
}

/**
 * Sends export rows to the queue, one message per row, in as few sendBatch calls as the limits allow. Throws if a
 * call fails: the caller keeps the rows in its outbox and retries them all, with the same record ids (a batch that
 * went through before the failure is sent again, and deduplicated downstream by record_id).
 */
export async function sendRecords(queue: Queue<ExportRecord>, records: readonly ExportRecord[]): Promise<void> {
  const rows = await Promise.all(records.map(pseudonymize));
  let batch: MessageSendRequest<ExportRecord>[] = [];
  let bytes = 0;
  for (const row of rows) {
    const { body, size } = fitted(row);
    if (batch.length && (batch.length >= MAX_MESSAGES || bytes + size > MAX_BYTES)) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ body, contentType: "json" });
    bytes += size;
  }
  if (batch.length) await queue.sendBatch(batch);
}
