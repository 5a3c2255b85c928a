import { exportBucket } from "./export-bindings.ts";
import { ExportRecord } from "./export-record.ts";

const enc = new TextEncoder();

/** Retry delays for a batch R2 refused: 30 s, 1 min, 2 min ... capped at 1 h (Queues allows up to 12 h). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3_600);
}

/** The object key of a day's file: `events/dt=YYYY-MM-DD/<32 hex digits of SHA-256 of its sorted record ids>`. */
export async function exportKey(dt: string, records: readonly ExportRecord[]): Promise<string> {
  const ids = records.map((r) => r.record_id).sort();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(ids.join("\n"))));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `events/dt=${dt}/${hex}.ndjson.gz`;
}

/** Gzipped NDJSON, one record a line, in time order. */
async function gzipNdjson(records: readonly ExportRecord[]): Promise<ArrayBuffer> {
  const text = records.map((r) => JSON.stringify(r) + "\n").join("");
  const zipped = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(zipped).arrayBuffer();
}

interface Day {
  records: Map<string, ExportRecord>;
  messages: Message[];
}

/**
 * The queue consumer: writes a batch to EXPORT_BUCKET as one gzipped NDJSON file per day of the records' dates,
 * each record once (deduplicated by record_id within the batch). A file's key comes from its record ids, so a retried
 * batch rewrites the same object rather than adding a copy. A message is acknowledged only once its file is written;
 * when R2 fails, its day's messages are retried with backoff. A message that is not an export record is retried too
 * (Queues moves it to the dead-letter queue, if one is configured, after max_retries), never silently dropped.
 */
export async function consumeExport(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const bucket = exportBucket(env);
  const attempts = Math.max(1, ...batch.messages.map((m) => m.attempts));
  if (!bucket) {
    console.error("waymark: export batch not written: no EXPORT_BUCKET binding");
    batch.retryAll({ delaySeconds: retryDelaySeconds(attempts) });
    return;
  }
  const days = new Map<string, Day>();
  for (const m of batch.messages) {
    const parsed = ExportRecord.safeParse(m.body);
    if (!parsed.success) {
      console.error("waymark: export message is not an export record; retried");
      m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
      continue;
    }
    const r = parsed.data;
    const dt = r.at.slice(0, 10);
    let day = days.get(dt);
    if (!day) days.set(dt, (day = { records: new Map(), messages: [] }));
    if (!day.records.has(r.record_id)) day.records.set(r.record_id, r);
    day.messages.push(m);
  }
  await Promise.all(
    [...days].map(async ([dt, day]) => {
      const records = [...day.records.values()].sort(
        (a, b) => a.at_ms - b.at_ms || (a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0),
      );
      try {
        const key = await exportKey(dt, records);
        await bucket.put(key, await gzipNdjson(records), {
          httpMetadata: { contentType: "application/gzip" },
          customMetadata: { records: String(records.length), schema: "1" },
        });
        for (const m of day.messages) m.ack();
      } catch (err) {
        console.error("waymark: export file not written; retried", err instanceof Error ? err.message : "unknown");
        for (const m of day.messages) m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
      }
    }),
  );
}
