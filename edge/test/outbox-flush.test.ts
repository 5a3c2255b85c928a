import { env, runInDurableObject } from "cloudflare:test";
import type { JourneyInput } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { STATS_BATCH_DELAY_MS, flushOutbox } from "../src/visitor/object/outbox.ts";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { publishJourneys } from "./support/visitor-api.ts";

// Issue 19: a delivered batch is deleted in one statement. It must delete exactly the rows it delivered: not a
// failed kind's rows (they wait for their retry), not rows that were not due.

const JOURNEY: JourneyInput = {
  id: "outbox-flush",
  name: "Outbox flush",
  priority: 40,
  stages: [{ id: "browsing" }],
  start: "browsing",
  transitions: [],
  goals: [],
  actions: [{ id: "hello", type: "insert", selector: "body", position: "prepend", html: "<p>outbox hello</p>" }],
};

beforeAll(async () => {
  await publishJourneys([JOURNEY]);
});

interface Row {
  id: number;
  kind: string;
  attempts: number;
  next_at: number;
}

const outboxRows = (sql: SqlStorage) =>
  sql
    .exec<Row & Record<string, SqlStorageValue>>(`SELECT id, kind, attempts, next_at FROM outbox ORDER BY id`)
    .toArray();

describe("flushOutbox batches", () => {
  it("deletes exactly the delivered rows of a flush and keeps a failed kind's rows for their retry", async () => {
    const vid = freshVisitorId();
    expect((await getPage("/html/basic", { cookie: `wm_vid=${vid}` })).status).toBe(200);
    const result = await runInDurableObject(env.VISITOR.getByName(vid), async (_i: VisitorJourney, state) => {
      const sql = state.storage.sql;
      const all = () => outboxRows(sql);
      const now = Date.now();
      // The page's real stats and export rows, copied so each kind has several due rows, and one stats row not due.
      expect(
        all()
          .map((r) => r.kind)
          .sort(),
      ).toEqual(["export", "stats"]);
      sql.exec(`UPDATE outbox SET next_at = 0`);
      for (let i = 0; i < 3; i++)
        sql.exec(
          `INSERT INTO outbox (kind, payload, next_at) SELECT kind, payload, 0 FROM outbox WHERE id = (SELECT MIN(id) FROM outbox WHERE kind = ?)`,
          i < 2 ? "stats" : "export",
        );
      sql.exec(
        `INSERT INTO outbox (kind, payload, next_at) SELECT kind, payload, ? FROM outbox WHERE kind = 'stats' LIMIT 1`,
        now + 60_000,
      );
      const before = all();
      const down = { ...env, EXPORT_QUEUE: { sendBatch: () => Promise.reject(new Error("queue down")) } };
      await flushOutbox(sql, down as unknown as Env, vid, now);
      return { before, after: all(), now };
    });
    const { before, after, now } = result;
    const dueStats = before.filter((r) => r.kind === "stats" && r.next_at === 0);
    const exports = before.filter((r) => r.kind === "export");
    const later = before.filter((r) => r.next_at > 0);
    expect(dueStats.length).toBe(3);
    expect(exports.length).toBe(2);
    expect(later.length).toBe(1);
    // The stats were recorded: their rows went, and only theirs.
    expect(after.map((r) => r.id)).toEqual([...exports, ...later].map((r) => r.id).sort((a, b) => a - b));
    // The queue was down: each export row stays with one more attempt and the first backoff (30 s).
    for (const r of after.filter((x) => x.kind === "export")) {
      expect(r.attempts).toBe(1);
      expect(r.next_at).toBe(now + 30_000);
    }
    expect(after.find((r) => r.kind === "stats")).toEqual({ ...later[0] });
  });

  it("takes along first-try stats and export rows still in their batching delay, not retries or later rows", async () => {
    const vid = freshVisitorId();
    expect((await getPage("/html/basic", { cookie: `wm_vid=${vid}` })).status).toBe(200);
    const result = await runInDurableObject(env.VISITOR.getByName(vid), async (_i: VisitorJourney, state) => {
      const sql = state.storage.sql;
      const all = () => outboxRows(sql);
      const now = Date.now();
      // The page's rows are due in STATS_BATCH_DELAY_MS: one stats row becomes due now, the page's others wait.
      const copy = (kind: string, nextAt: number, attempts = 0) =>
        sql.exec(
          `INSERT INTO outbox (kind, payload, next_at, attempts) SELECT kind, payload, ?, ? FROM outbox WHERE kind = ? LIMIT 1`,
          nextAt,
          attempts,
          kind,
        );
      copy("stats", now);
      copy("stats", now + STATS_BATCH_DELAY_MS - 1);
      copy("stats", now + 2_000, 1); // a retry keeps its backoff
      copy("stats", now + STATS_BATCH_DELAY_MS + 60_000); // beyond the window
      copy("export", now + STATS_BATCH_DELAY_MS - 1, 2);
      const before = all();
      await flushOutbox(sql, env, vid, now);
      return { before, after: all(), now };
    });
    const { before, after, now } = result;
    const kept = before.filter((r) => r.attempts > 0 || r.next_at > now + STATS_BATCH_DELAY_MS);
    expect(kept.map((r) => [r.kind, r.attempts])).toEqual([
      ["stats", 1],
      ["stats", 0],
      ["export", 2],
    ]);
    // The page's own stats and export rows (first tries, due within the window) left with the due one.
    expect(before.length - kept.length).toBe(4);
    expect(after).toEqual(kept);
  });

  it("delivers a batch of more rows than a statement may bind (Durable Objects: 100) once, and deletes them all", async () => {
    const vid = freshVisitorId();
    expect((await getPage("/html/basic", { cookie: `wm_vid=${vid}` })).status).toBe(200);
    const result = await runInDurableObject(env.VISITOR.getByName(vid), async (_i: VisitorJourney, state) => {
      const sql = state.storage.sql;
      sql.exec(`DELETE FROM outbox WHERE kind <> 'stats'`);
      for (let i = 0; i < 149; i++)
        sql.exec(
          `INSERT INTO outbox (kind, payload, next_at) SELECT kind, payload, 0 FROM outbox WHERE kind = 'stats' LIMIT 1`,
        );
      const before = outboxRows(sql).length;
      await flushOutbox(sql, env, vid, Date.now());
      return { before, after: outboxRows(sql) };
    });
    expect(result.before).toBe(150);
    // Not left for a retry: the shard counted them already, a retry would count them twice.
    expect(result.after).toEqual([]);
  });
});
