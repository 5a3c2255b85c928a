import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { ExportRecord } from "../../src/export/export-record.ts";
import type { VisitorJourney } from "../../src/visitor/object/visitor-journey.ts";

/** The local R2 bucket the export consumer writes to (edge/vitest.config.ts binds it). */
export const exportBucket = (): R2Bucket => Reflect.get(env, "EXPORT_BUCKET") as R2Bucket;

/** Every file under a prefix, gunzipped and parsed: the key and its rows. */
export async function readExportFiles(prefix = "events/"): Promise<{ key: string; rows: ExportRecord[] }[]> {
  const bucket = exportBucket();
  const files: { key: string; rows: ExportRecord[] }[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    for (const o of page.objects) {
      const obj = await bucket.get(o.key);
      if (!obj) continue;
      const text = await new Response(obj.body.pipeThrough(new DecompressionStream("gzip"))).text();
      const rows = text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ExportRecord);
      files.push({ key: o.key, rows });
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return files;
}

/** Every exported row of one visitor, duplicates included (a retried batch may land twice). */
export async function exportedRows(visitorId: string): Promise<ExportRecord[]> {
  return (await readExportFiles()).flatMap((f) => f.rows.filter((r) => r.visitor_id === visitorId));
}

/** Polls until `ok` (real queue delivery is asynchronous: miniflare batches for up to a second). */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Makes the visitor's export rows due and fires its alarm: the outbox sends them to the queue now. */
export async function drainExport(visitorId: string): Promise<void> {
  const stub = env.VISITOR.getByName(visitorId);
  await runInDurableObject(stub, (_i: VisitorJourney, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'export'");
  });
  await runDurableObjectAlarm(stub);
}

/** The visitor's outbox rows of one kind. */
export async function outboxRows(visitorId: string, kind: string): Promise<{ payload: string; attempts: number }[]> {
  return runInDurableObject(env.VISITOR.getByName(visitorId), (_i: VisitorJourney, state) => {
    const sql = state.storage.sql;
    if (!sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'`).toArray().length) return [];
    return sql
      .exec<{ payload: string; attempts: number }>(`SELECT payload, attempts FROM outbox WHERE kind = ?`, kind)
      .toArray();
  });
}
