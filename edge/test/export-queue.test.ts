import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import type { JourneyInput } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import schemaFile from "../../docs/export-schema.json";
import deployingDoc from "../../docs/deploying.md?raw";
import worker from "../src/index.ts";
import { ExportRecord, exportJsonSchema } from "../src/export/export-record.ts";
import { blankRecord } from "../src/export/visit-records.ts";
import { sendRecords } from "../src/export/send-records.ts";
import { pseudonymousId } from "../src/export/pseudonymous-id.ts";
import { customerName } from "../src/visitor/visitor-stub.ts";
import { flushOutbox } from "../src/visitor/object/outbox.ts";
import { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { VisitorStateStore } from "../src/visitor/object/state-store.ts";
import {
  drainExport,
  exportBucket,
  exportedRows,
  outboxRows,
  readExportFiles,
  until,
} from "./support/export-bucket.ts";
import { freshVisitorId, getPage, SITE, viaWorker } from "./support/edge.ts";
import { identifyVerified, postEventsAs } from "./support/identity.ts";
import { publishJourneys, sendEvents } from "./support/visitor-api.ts";

// Issue 17, warehouse export: visits -> the visitor's outbox -> EXPORT_QUEUE (miniflare's local queue) -> this
// Worker's queue handler -> EXPORT_BUCKET (local R2) as gzipped NDJSON. Real bindings throughout.

const JOURNEY: JourneyInput = {
  id: "exported",
  name: "Exported",
  priority: 40,
  stages: [{ id: "browsing" }, { id: "engaged" }],
  start: "browsing",
  transitions: [{ from: "browsing", to: "engaged", on: "engage" }],
  goals: ["buy"],
  actions: [{ id: "hello", type: "insert", selector: "body", position: "prepend", html: "<p>export hello</p>" }],
};

let version = 0;
beforeAll(async () => {
  version = await publishJourneys([JOURNEY]);
});

const distinct = (rows: ExportRecord[]) => new Map(rows.map((r) => [r.record_id, r]));

describe("export end to end (outbox -> queue -> consumer -> R2)", () => {
  it("N events in, N event records out, each once after dedup by record_id, with the stage changes and exposure", async () => {
    const vid = freshVisitorId();
    const cookie = `wm_vid=${vid}`;
    expect((await getPage("/html/basic?email=someone@example.com", { cookie })).status).toBe(200);
    const ids = Array.from({ length: 12 }, (_, i) => `ev-${i}-${crypto.randomUUID().slice(0, 8)}`);
    const events = ids.map((id, i) => ({
      id,
      type: i === 3 ? "engage" : i === 11 ? "buy" : "view_item",
      data: { n: i },
    }));
    expect((await sendEvents(cookie, events.slice(0, 6))).status).toBe(200);
    // A retry of the same events (the beacon resends after a timeout): accepted once, exported once.
    expect((await sendEvents(cookie, events.slice(4))).status).toBe(200);
    // Nothing was sent on the requests themselves: the rows wait in the visitor's outbox.
    expect((await outboxRows(vid, "export")).length).toBeGreaterThan(0);

    await drainExport(vid);
    expect(await outboxRows(vid, "export")).toEqual([]);

    const want = ids.length + 1; // the events and the page view
    const rows = await until(
      () => exportedRows(vid),
      (r) => r.filter((x) => x.type === "event").length >= want,
    );
    for (const r of rows) expect(ExportRecord.safeParse(r).success).toBe(true);
    const unique = [...distinct(rows).values()];
    const evs = unique.filter((r) => r.type === "event");
    expect(evs).toHaveLength(want);
    expect(evs.filter((r) => r.event_id !== null).map((r) => r.event_id)).toEqual(expect.arrayContaining(ids));
    expect(new Set(evs.map((r) => r.event_id)).size).toBe(want);
    const view = evs.find((r) => r.event_type === "page_view")!;
    // The page's path, never its query string (which may carry personal data).
    expect(JSON.parse(view.event_data!)).toEqual({ path: "/html/basic" });
    expect(JSON.parse(evs.find((r) => r.event_id === ids[2])!.event_data!)).toEqual({ n: 2 });

    expect(unique.filter((r) => r.type === "stage_change").map((r) => [r.from_stage, r.stage])).toEqual(
      expect.arrayContaining([
        [null, "browsing"],
        ["browsing", "engaged"],
      ]),
    );
    expect(unique.filter((r) => r.type === "conversion")).toMatchObject([
      { journey: "exported", reason: "goal:buy", holdout: expect.any(Boolean) },
    ]);
    expect(unique.filter((r) => r.type === "exposure" && r.journey === "exported").length).toBeGreaterThanOrEqual(1);
    for (const r of unique) {
      expect(r.at).toBe(new Date(r.at_ms).toISOString());
      expect(r.visitor_id).toBe(vid);
    }
    // Files are partitioned by the rows' dates.
    const files = await readExportFiles();
    for (const f of files) {
      const m = /^events\/dt=(\d{4}-\d{2}-\d{2})\/[0-9a-f]{32}\.ndjson\.gz$/.exec(f.key);
      expect(m, f.key).not.toBeNull();
      for (const r of f.rows) expect(r.at.slice(0, 10)).toBe(m![1]);
    }
  });

  it("the queue being down loses nothing: the outbox keeps the rows and sends the same ids on the retry", async () => {
    const vid = freshVisitorId();
    const cookie = `wm_vid=${vid}`;
    expect((await sendEvents(cookie, [{ id: "down-1", type: "view_item" }])).status).toBe(200);
    const before = await outboxRows(vid, "export");
    const ids = before.flatMap((r) => (JSON.parse(r.payload) as ExportRecord[]).map((x) => x.record_id));
    expect(ids.length).toBeGreaterThan(0);

    // A send that fails (the queue unreachable): the rows stay, with one more attempt and a backoff.
    await runInDurableObject(env.VISITOR.getByName(vid), async (_i: VisitorJourney, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'export'");
      const down = { ...env, EXPORT_QUEUE: { sendBatch: () => Promise.reject(new Error("queue down")) } };
      await flushOutbox(state.storage.sql, down as unknown as Env, vid, Date.now());
    });
    const after = await outboxRows(vid, "export");
    expect(after.map((r) => r.attempts)).toEqual(before.map(() => 1));
    expect(after.flatMap((r) => (JSON.parse(r.payload) as ExportRecord[]).map((x) => x.record_id))).toEqual(ids);

    await drainExport(vid);
    const rows = await until(
      () => exportedRows(vid),
      (r) => distinct(r).size >= ids.length,
    );
    expect([...distinct(rows).keys()].sort()).toEqual([...ids].sort());
  });
});

// The consumer, driven the documented way (createMessageBatch / getQueueResult) so its failure is deterministic.
describe("export consumer: retries, idempotent files, dedup", () => {
  const DAY1 = Date.UTC(2001, 1, 3, 10, 0, 0);
  const DAY2 = Date.UTC(2001, 1, 4, 9, 30, 0);
  const visitor = `vid-consumer-${crypto.randomUUID()}`;
  const records = Array.from({ length: 10 }, (_, i) => ({
    ...blankRecord("event", (i < 6 ? DAY1 : DAY2) + i * 1000, visitor, `rec-${i}-${crypto.randomUUID()}`),
    event_type: "view_item",
    event_data: JSON.stringify({ i }),
  }));
  // Record 2 arrives twice (the producer re-sent it after a failed sendBatch that had in fact gone through).
  const bodies = [...records, records[2]];
  const messages = (attempts: number) =>
    bodies.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(DAY2), attempts, body }));

  /** The real bucket, except that puts under `failing` throw (R2 unavailable for those keys). */
  const flaky = (failing: string) => {
    const real = exportBucket();
    return new Proxy(real, {
      get(target, prop) {
        if (prop === "put")
          return (key: string, ...rest: Parameters<R2Bucket["put"]>[1][]) =>
            key.includes(failing)
              ? Promise.reject(new Error("R2 unavailable"))
              : target.put(key, ...(rest as [Parameters<R2Bucket["put"]>[1]]));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };

  async function deliver(attempts: number, bucket: R2Bucket) {
    const batch = createMessageBatch<unknown>("waymark-export", messages(attempts));
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, { ...env, EXPORT_BUCKET: bucket } as Env);
    return getQueueResult(batch, ctx);
  }

  const rowsOf = async () =>
    (await readExportFiles("events/dt=2001-02-0")).flatMap((f) => f.rows.filter((r) => r.visitor_id === visitor));

  it("R2 failing for one day: that day's messages are retried, not acked; the other day's are acked once written", async () => {
    const first = await deliver(1, flaky("dt=2001-02-04"));
    expect(first.ackAll).toBe(false);
    const retried = first.retryMessages.map((m: { msgId: string }) => m.msgId).sort();
    const day2 = messages(1)
      .filter((m) => (m.body as ExportRecord).at.startsWith("2001-02-04"))
      .map((m) => m.id)
      .sort();
    expect(retried).toEqual(day2);
    expect(first.explicitAcks.sort()).toEqual(
      messages(1)
        .map((m) => m.id)
        .filter((id) => !day2.includes(id))
        .sort(),
    );
    expect(new Set((await rowsOf()).map((r) => r.at.slice(0, 10)))).toEqual(new Set(["2001-02-03"]));

    // R2 back: the retry writes the second day; a redelivery of everything (an ack lost) rewrites the same keys.
    const second = await deliver(2, exportBucket());
    expect(second.retryMessages).toEqual([]);
    expect(second.explicitAcks).toHaveLength(bodies.length);
    const keysAfterSecond = (await readExportFiles("events/dt=2001-02-0")).map((f) => f.key).sort();
    const third = await deliver(3, exportBucket());
    expect(third.explicitAcks).toHaveLength(bodies.length);
    const files = await readExportFiles("events/dt=2001-02-0");
    expect(files.map((f) => f.key).sort()).toEqual(keysAfterSecond);
    expect(files).toHaveLength(2);

    // Every record exactly once: the duplicate message collapsed within its batch, the redelivery overwrote.
    const rows = await rowsOf();
    expect(rows.map((r) => r.record_id).sort()).toEqual(records.map((r) => r.record_id).sort());
    for (const f of files) for (const r of f.rows) expect(f.key).toContain(`dt=${r.at.slice(0, 10)}/`);
  });

  it("R2 failing for everything: nothing is acked; no bucket bound: the whole batch is retried", async () => {
    const down = await deliver(1, flaky("events/"));
    expect(down.explicitAcks).toEqual([]);
    expect(down.retryMessages).toHaveLength(bodies.length);

    const batch = createMessageBatch<unknown>("waymark-export", messages(1));
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, { ...env, EXPORT_BUCKET: undefined } as unknown as Env);
    const none = await getQueueResult(batch, ctx);
    expect(none.retryBatch.retry).toBe(true);
    expect(none.explicitAcks).toEqual([]);
  });

  it("a message that is not an export record is retried (dead-letter queue), never written", async () => {
    const batch = createMessageBatch<unknown>("waymark-export", [
      { id: "junk", timestamp: new Date(), attempts: 1, body: { hello: "world" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, env);
    const r = await getQueueResult(batch, ctx);
    expect(r.retryMessages).toEqual([{ msgId: "junk" }]);
    expect(r.explicitAcks).toEqual([]);
  });
});

describe("producer batching", () => {
  it("sendBatch calls stay within 100 messages and 256 KB; an oversized row is sent with its data marked truncated", async () => {
    const calls: MessageSendRequest<ExportRecord>[][] = [];
    const queue = { sendBatch: async (b: Iterable<MessageSendRequest<ExportRecord>>) => void calls.push([...b]) };
    const rows = Array.from({ length: 250 }, (_, i) => ({
      ...blankRecord("event", Date.UTC(2026, 0, 1), "v", `r-${i}`),
      event_data: JSON.stringify({ note: "é".repeat(i === 7 ? 80_000 : 1_500) }),
    }));
    await sendRecords(queue as unknown as Queue<ExportRecord>, rows);
    const bodies = calls.flat().map((m) => m.body);
    expect(bodies.map((b) => b.record_id)).toEqual(rows.map((r) => r.record_id));
    for (const c of calls) {
      expect(c.length).toBeLessThanOrEqual(100);
      expect(new TextEncoder().encode(JSON.stringify(c.map((m) => m.body))).byteLength).toBeLessThan(256_000);
    }
    expect(bodies[7].event_data).toBe('{"_truncated":true}');
    expect(bodies[8].event_data).toBe(rows[8].event_data);
  });
});

describe("the pipeline's own rows across a consumer failure", () => {
  it("N events in, N event rows out, each once, after an R2 failure and the retry (and a producer re-send)", async () => {
    const vid = freshVisitorId();
    const ids = Array.from({ length: 20 }, (_, i) => `n-${i}-${crypto.randomUUID().slice(0, 6)}`);
    const sent = ids.map((id) => ({ id, type: "view_item", data: { sku: id } }));
    expect((await sendEvents(`wm_vid=${vid}`, sent)).status).toBe(200);
    // What the outbox would send (taken out of it, as a send to the queue would): the real rows, with their ids.
    const records = await runInDurableObject(env.VISITOR.getByName(vid), (_i: VisitorJourney, state) => {
      const sql = state.storage.sql;
      const rows = sql.exec<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'export'").toArray();
      sql.exec("DELETE FROM outbox WHERE kind = 'export'");
      return rows.flatMap((r) => JSON.parse(r.payload) as ExportRecord[]);
    });
    expect(records.filter((r) => r.type === "event")).toHaveLength(ids.length);
    // The producer's retry after a send that had in fact gone through: five rows twice, same ids.
    const bodies = [...records, ...records.slice(0, 5)];
    const messages = (attempts: number) =>
      bodies.map((body, i) => ({ id: `p-${i}`, timestamp: new Date(), attempts, body }));
    const failing = new Proxy(exportBucket(), {
      get(target, prop) {
        if (prop === "put") return () => Promise.reject(new Error("R2 unavailable"));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const deliver = async (attempts: number, bucket: R2Bucket) => {
      const batch = createMessageBatch<unknown>("waymark-export", messages(attempts));
      const ctx = createExecutionContext();
      await worker.queue(batch as MessageBatch<unknown>, { ...env, EXPORT_BUCKET: bucket } as Env);
      return getQueueResult(batch, ctx);
    };

    const down = await deliver(1, failing);
    expect(down.explicitAcks).toEqual([]);
    expect(down.retryMessages).toHaveLength(bodies.length);
    expect(await exportedRows(vid)).toEqual([]);

    const up = await deliver(2, exportBucket());
    expect(up.explicitAcks).toHaveLength(bodies.length);
    const rows = await exportedRows(vid);
    // Once each: the re-sent rows collapsed within the batch, so no deduplication is even needed here.
    expect(rows.map((r) => r.record_id).sort()).toEqual(records.map((r) => r.record_id).sort());
    expect(
      rows
        .filter((r) => r.type === "event")
        .map((r) => r.event_id)
        .sort(),
    ).toEqual([...ids].sort());
  });
});

describe("pseudonymous ids", () => {
  it("a customer's rows leave with a hashed id, the linked browser as device_id; identify names the customer hashed", async () => {
    const vid = freshVisitorId();
    const customerId = `jane.doe+${crypto.randomUUID().slice(0, 6)}@example.com`;
    expect((await identifyVerified(vid, customerId)).status).toBe(200);
    expect((await postEventsAs(vid, [{ id: "linked-1", type: "view_item" }])).status).toBe(200);
    const hashed = await pseudonymousId(customerName(customerId));
    expect(hashed).toMatch(/^c_[0-9a-f]{32}$/);
    await drainExport(vid);
    await drainExport(customerName(customerId));
    const mine = await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.event_type === "identify"),
    );
    const theirs = await until(
      () => exportedRows(hashed),
      (r) => r.some((x) => x.event_id === "linked-1"),
    );
    expect(JSON.parse(mine.find((r) => r.event_type === "identify")!.event_data!)).toEqual({ customer: hashed });
    expect(theirs.find((r) => r.event_id === "linked-1")).toMatchObject({ visitor_id: hashed, device_id: vid });
    const everything = JSON.stringify(await readExportFiles());
    expect(everything).not.toContain(customerId);
  });
});

describe("erasure tombstones", () => {
  it("an opt-out is exported as an erasure row; rows still in the outbox are erased with the visitor, not sent", async () => {
    const vid = freshVisitorId();
    const cookie = `wm_vid=${vid}`;
    expect((await sendEvents(cookie, [{ id: "before-optout", type: "view_item" }])).status).toBe(200);
    const res = await viaWorker(new Request(`${SITE}/__waymark/opt-out`, { method: "POST", headers: { cookie } }));
    expect(res.status).toBe(200);
    const rows = await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.type === "erasure"),
    );
    expect(rows.filter((r) => r.type === "erasure")).toMatchObject([{ erasure: "opt_out", visitor_id: vid }]);
    expect(rows.filter((r) => r.type !== "erasure")).toEqual([]);
    // Sent at once: nothing waits in the erased object (edge/test/me.test.ts: only the tombstone is left).
    expect(await outboxRows(vid, "export")).toEqual([]);
  });

  it("DELETE /me of a visitor whose rows were exported: an erasure row after them (delete rows with at_ms <= it)", async () => {
    const vid = freshVisitorId();
    const cookie = `wm_vid=${vid}`;
    expect((await sendEvents(cookie, [{ id: "kept-1", type: "view_item" }])).status).toBe(200);
    await drainExport(vid);
    await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.event_id === "kept-1"),
    );
    const del = await viaWorker(new Request(`${SITE}/__waymark/me`, { method: "DELETE", headers: { cookie } }));
    expect(del.status).toBe(200);
    const rows = await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.type === "erasure"),
    );
    const erasure = rows.find((r) => r.type === "erasure")!;
    expect(erasure).toMatchObject({ erasure: "delete", journey: null, event_data: null });
    for (const r of rows) expect(r.at_ms).toBeLessThanOrEqual(erasure.at_ms);
  });

  it("the queue down at the erasure: the row waits in its own table, the alarm sends it, the tombstone stays alone", async () => {
    const vid = freshVisitorId();
    const stub = env.VISITOR.getByName(vid);
    expect((await sendEvents(`wm_vid=${vid}`, [{ id: "pre", type: "view_item" }])).status).toBe(200);
    const tables = (state: DurableObjectState) =>
      state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
        )
        .toArray()
        .map((r) => r.name)
        .sort();
    const erased = await runInDurableObject(stub, async (instance: VisitorJourney, state) => {
      await optOutWithQueueDown(instance);
      return { tables: tables(state), alarm: await state.storage.getAlarm() };
    });
    expect(erased.tables).toEqual(["export_pending", "tombstone"]);
    expect(erased.alarm! - Date.now()).toBeLessThanOrEqual(30_000);
    expect((await exportedRows(vid)).filter((r) => r.type === "erasure")).toEqual([]);

    await runInDurableObject(stub, (_i: VisitorJourney, state) => {
      state.storage.sql.exec("UPDATE export_pending SET next_at = 0");
    });
    await runDurableObjectAlarm(stub);
    const rows = await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.type === "erasure"),
    );
    expect(rows.filter((r) => r.type === "erasure")).toMatchObject([{ erasure: "opt_out" }]);
    const after = await runInDurableObject(stub, async (_i: VisitorJourney, state) => ({
      tables: tables(state),
      alarm: await state.storage.getAlarm(),
    }));
    expect(after.tables).toEqual(["tombstone"]);
    expect(after.alarm! - Date.now()).toBeGreaterThan(29 * 86_400_000); // back to the tombstone's expiry
  });

  it("a visit after opting in again keeps the alarm for an erasure row the queue refused", async () => {
    const vid = freshVisitorId();
    const stub = env.VISITOR.getByName(vid);
    expect((await sendEvents(`wm_vid=${vid}`, [{ id: "before", type: "view_item" }])).status).toBe(200);
    await runInDurableObject(stub, async (instance: VisitorJourney) => {
      await optOutWithQueueDown(instance);
      await instance.optIn();
    });
    expect((await sendEvents(`wm_vid=${vid}`, [{ id: "after", type: "view_item" }])).status).toBe(200);
    // The erasure row's retry is due (its alarm is set and has not fired yet) when the visitor's next visit
    // schedules the alarm: the visit must leave it due, not move it to its own later work.
    const alarm = await runInDurableObject(stub, async (instance: VisitorJourney, state) => {
      const due = Date.now() - 1;
      state.storage.sql.exec("UPDATE export_pending SET next_at = ?", due);
      const inner = instance as unknown as { work: { alarmAt: number | null; schedule(s: unknown): void } };
      await state.storage.setAlarm((inner.work.alarmAt = due));
      const current = (instance as unknown as { store: VisitorStateStore }).store.read()!;
      inner.work.schedule(current.state);
      return { mirror: inner.work.alarmAt, stored: await state.storage.getAlarm() };
    });
    expect(alarm.mirror).toBeLessThanOrEqual(Date.now());
    expect(alarm.stored).toBeLessThanOrEqual(Date.now());
  });

  it("withdrawn consent (CONSENT_MODE=required) is exported as a consent_withdrawn erasure", async () => {
    const vid = freshVisitorId();
    const required = { CONSENT_MODE: "required" } as Partial<Env>;
    const cookie = `wm_fwconsent=1; wm_vid=${vid}`;
    const ev = await viaWorker(
      new Request(`${SITE}/__waymark/events`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ type: "view_item", id: "consented-1" }),
      }),
      required,
    );
    expect(ev.status).toBe(200);
    const withdrawn = await viaWorker(
      new Request(`${SITE}/__waymark/consent`, {
        method: "POST",
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", cookie },
        body: JSON.stringify({ consentMode: { analytics_storage: "denied" } }),
      }),
      required,
    );
    expect(await withdrawn.json()).toMatchObject({ consent: "refused", erased: true });
    const rows = await until(
      () => exportedRows(vid),
      (r) => r.some((x) => x.type === "erasure"),
    );
    expect(rows.filter((r) => r.type === "erasure")).toMatchObject([{ erasure: "consent_withdrawn" }]);
  });

  it("a visitor who never stored anything leaves no erasure row", async () => {
    const vid = freshVisitorId();
    const res = await viaWorker(
      new Request(`${SITE}/__waymark/opt-out`, { method: "POST", headers: { cookie: `wm_vid=${vid}` } }),
    );
    expect(res.status).toBe(200);
    expect(await outboxRows(vid, "export")).toEqual([]);
  });
});

describe("no EXPORT_QUEUE: nothing changes", () => {
  it("a visitor object without the binding writes no export rows; its other work is the same", async () => {
    const vid = freshVisitorId();
    const stub = env.VISITOR.getByName(vid);
    const outbox = await runInDurableObject(stub, async (_i: VisitorJourney, state) => {
      const { EXPORT_QUEUE: _q, ...rest } = env as Env & { EXPORT_QUEUE?: unknown };
      const plain = new VisitorJourney(state, rest as Env);
      await plain.onEvents({
        visitorId: vid,
        version,
        events: [{ id: "no-queue-1", type: "engage" }],
        ratePerMinute: 1_000,
        source: "browser",
      });
      return state.storage.sql.exec<{ kind: string }>("SELECT kind FROM outbox ORDER BY id").toArray();
    });
    expect(outbox.map((r) => r.kind)).not.toContain("export");
    expect(outbox.map((r) => r.kind)).toContain("stats");
  });

  it("previews (sandbox objects) are never exported", async () => {
    const name = `preview:${crypto.randomUUID()}`;
    const r = await env.VISITOR.getByName(name).onEvents({
      visitorId: name,
      sandbox: true,
      version,
      events: [{ id: "sandboxed-1", type: "engage" }],
      ratePerMinute: 1_000,
      source: "server",
    });
    expect(r).toMatchObject({ ok: true, accepted: 1 });
    expect(await outboxRows(name, "export")).toEqual([]);
  });

  it("docs/export-schema.json is the schema the consumer checks rows with", () => {
    expect(schemaFile).toEqual(exportJsonSchema());
  });

  it("docs/deploying.md's BigQuery schema and DuckDB columns name every field of a row, in order", () => {
    const fields = Object.keys(ExportRecord.shape);
    const bq = /`waymark_schema.json`:\n\n```json\n([\s\S]*?)```/.exec(deployingDoc);
    expect(bq).not.toBeNull();
    expect((JSON.parse(bq![1]) as { name: string }[]).map((f) => f.name)).toEqual(fields);
    const duck = /columns = \{([\s\S]*?)\}\);/.exec(deployingDoc);
    expect([...duck![1].matchAll(/(\w+): '/g)].map((m) => m[1])).toEqual(fields);
  });
});

/** The visitor opts out while the export queue refuses every send: its erasure row waits in export_pending. */
async function optOutWithQueueDown(instance: VisitorJourney): Promise<void> {
  const holder = instance as unknown as { env: Env };
  const real = holder.env;
  holder.env = { ...real, EXPORT_QUEUE: { sendBatch: () => Promise.reject(new Error("queue down")) } } as Env;
  try {
    await instance.forget({ optOut: true });
  } finally {
    holder.env = real;
  }
}
