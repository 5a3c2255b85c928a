import { z } from "zod";
import type { ExportRecord } from "./export-record.ts";

// The export's bindings are optional and absent from the generated Env (wrangler.toml has them commented out), so
// they are read here, checked by shape, like config.ts reads ANALYTICS.
const QueueBinding = z.custom<Queue<ExportRecord>>(
  (v) => typeof v === "object" && v !== null && typeof Reflect.get(v, "sendBatch") === "function",
);
const BucketBinding = z.custom<R2Bucket>(
  (v) => typeof v === "object" && v !== null && typeof Reflect.get(v, "put") === "function",
);

/** The EXPORT_QUEUE producer, or null: no queue bound, no export (nothing is written to the outbox for it). */
export function exportQueue(env: Env): Queue<ExportRecord> | null {
  const q = QueueBinding.safeParse(Reflect.get(env, "EXPORT_QUEUE"));
  return q.success ? q.data : null;
}

/** The EXPORT_BUCKET the consumer writes to, or null. */
export function exportBucket(env: Env): R2Bucket | null {
  const b = BucketBinding.safeParse(Reflect.get(env, "EXPORT_BUCKET"));
  return b.success ? b.data : null;
}
