import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { identifyVerified, meOf, postEventsAs } from "./support/identity.ts";
import { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import { SCHEMA_VERSION } from "../src/visitor/object/schema.ts";

// Issue 19: a visitor object waking from storage (evicted, or a new release) reads what it needs in as few queries as
// it can: which tables exist, then the schema version, the state row and the meta values in one statement. Each
// test wakes a second instance of the class on the object's storage, as a new activation would.

type Internals = {
  store: { read(): { state: { eventCount: number } } | null; wakeAt: number | null; sandbox: boolean };
  link: { linkedTo(): string | null };
  erased(): boolean;
};

/** A new activation of the class on `state`'s storage, with the SQL statements its constructor runs. */
async function wake(state: DurableObjectState): Promise<{ instance: Internals; statements: string[] }> {
  const statements: string[] = [];
  const sql = state.storage.sql as SqlStorage & { exec: SqlStorage["exec"] };
  const exec = sql.exec;
  // Counted on the object itself (workerd refuses a proxied DurableObjectState), for the constructor only.
  sql.exec = ((query: string, ...args: unknown[]) => {
    statements.push(query);
    return exec.call(sql, query, ...args);
  }) as SqlStorage["exec"];
  try {
    const instance = new VisitorJourney(state, env) as unknown as Internals;
    // Its activation runs in blockConcurrencyWhile: this one waits for it.
    await state.blockConcurrencyWhile(async () => {});
    return { instance, statements };
  } finally {
    delete (sql as Partial<SqlStorage>).exec;
  }
}

/** Every table's columns (name, type, not null, default, key) and every index, as SQLite describes them. */
function schemaOf(sql: SqlStorage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const objects = sql
    .exec<{ type: string; name: string }>(
      `SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name`,
    )
    .toArray();
  for (const o of objects)
    out[`${o.type} ${o.name}`] =
      o.type === "table"
        ? sql.exec(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, o.name).toArray()
        : true;
  return out;
}

const tableInfo = (sql: SqlStorage, table: string) =>
  sql
    .exec<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, table)
    .toArray()
    .map((r) => r.name);

describe("a visitor object waking (issue 19)", () => {
  it("reads a stored visitor in two statements: the tables, then version, state and meta together", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "add_to_cart", data: { id: "mug", name: "Mug", price: 12 } }]);
    await runInDurableObject(env.VISITOR.getByName(vid), async (_i, state) => {
      const { instance, statements } = await wake(state);
      expect(statements.length).toBe(2);
      expect(instance.store.read()?.state.eventCount).toBe(1);
      expect(instance.link.linkedTo()).toBeNull();
      expect(instance.erased()).toBe(false);
      // The state was read at wake: nothing more to ask.
      expect(statements.length).toBe(2);
    });
  });

  it("reads nothing more for an object that never stored anything", async () => {
    const vid = freshVisitorId();
    await runInDurableObject(env.VISITOR.getByName(vid), async (_i, state) => {
      const { instance, statements } = await wake(state);
      expect(instance.store.read()).toBeNull();
      expect(instance.erased()).toBe(false);
      expect(statements.length).toBe(1);
      expect(tableInfo(state.storage.sql, "meta")).toEqual([]);
    });
  });

  it("upgrades an object of schema version 1 (no events.device column, no offer_examples) and keeps its state", async () => {
    const vid = freshVisitorId();
    let upgraded: Record<string, unknown> = {};
    await postEventsAs(vid, [{ type: "viewed", id: "e-1" }]);
    await runInDurableObject(env.VISITOR.getByName(vid), async (_i, state) => {
      const sql = state.storage.sql;
      // The tables as the first release left them.
      sql.exec(`DROP TABLE offer_examples`);
      sql.exec(`ALTER TABLE events DROP COLUMN device`);
      sql.exec(`UPDATE meta SET value = '1' WHERE key = 'schema'`);
      const { instance } = await wake(state);
      expect(tableInfo(sql, "events")).toContain("device");
      expect(tableInfo(sql, "offer_examples")).toContain("label");
      expect(sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema'`).one().value).toBe(
        String(SCHEMA_VERSION),
      );
      expect(instance.store.read()?.state.eventCount).toBe(1);
      upgraded = schemaOf(sql);
    });
    // A new object gets every step at once: the same tables as an old one upgraded step by step.
    const created = freshVisitorId();
    await postEventsAs(created, [{ type: "viewed" }]);
    const fresh = await runInDurableObject(env.VISITOR.getByName(created), (_i, state) => schemaOf(state.storage.sql));
    expect(Object.keys(fresh)).toContain("table offer_examples");
    expect(fresh).toEqual(upgraded);
    // The upgraded object goes on storing events (with their device column).
    expect((await postEventsAs(vid, [{ type: "viewed", id: "e-2" }])).status).toBe(200);
    expect((await meOf(vid)).events.map((e: { type: string }) => e.type)).toEqual(["viewed", "viewed"]);
  });

  it("knows at wake that the browser is linked, and that an erased visitor is erased", async () => {
    const linked = freshVisitorId();
    const customerId = `c-${crypto.randomUUID().slice(0, 8)}`;
    await postEventsAs(linked, [{ type: "first" }]);
    expect((await identifyVerified(linked, customerId)).status).toBe(200);
    await runInDurableObject(env.VISITOR.getByName(linked), async (_i, state) => {
      const { instance, statements } = await wake(state);
      expect(instance.link.linkedTo()).toBe(`customer:${customerId}`);
      expect(statements.length).toBe(2);
    });

    const erased = freshVisitorId();
    await postEventsAs(erased, [{ type: "first" }]);
    const optOut = new Request(`${SITE}/__waymark/opt-out`, {
      method: "POST",
      headers: { cookie: `wm_vid=${erased}` },
    });
    expect((await viaWorker(optOut)).status).toBeLessThan(300);
    await runInDurableObject(env.VISITOR.getByName(erased), async (_i, state) => {
      const { instance } = await wake(state);
      expect(instance.erased()).toBe(true);
      expect(instance.store.read()).toBeNull();
    });
  });
});
