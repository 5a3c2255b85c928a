import type { ExportRecord } from "./export-record.ts";
import { pseudonymize } from "./pseudonymous-id.ts";

/** Queues limits: 100 messages and 256 KB per sendBatch; kept under both. */
const MAX_MESSAGES = 100;
const MAX_BYTES = 200_000;

/**
 * Sends export rows to the queue, one message per row, in as few sendBatch calls as the limits allow. Throws if a
 * call fails: the caller keeps the rows in its outbox and retries them all, with the same record ids (a batch that
 * went through before the failure is sent again, and deduplicated downstream by record_id).
 */
export async function sendRecords(queue: Queue<ExportRecord>, records: readonly ExportRecord[]): Promise<void> {
  const rows = await Promise.all(records.map(pseudonymize));
  let batch: MessageSendRequest<ExportRecord>[] = [];
  let bytes = 0;
  for (const body of rows) {
    const size = JSON.stringify(body).length;
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
