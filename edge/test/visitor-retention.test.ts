import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { VisitorStateStore } from "../src/visitor/object/state-store.ts";
import { freshVisitorId, SITE } from "./support/edge.ts";
import { sendEvents } from "./support/visitor-api.ts";

const DAY = 86_400_000;

/** Moves the visitor's last activity back by `ms`, as if that long had passed without a visit. */
async function ageVisitor(id: string, ms: number) {
  await runInDurableObject(env.VISITOR.getByName(id), (instance: VisitorJourney, state) => {
    const row = state.storage.sql.exec<{ json: string }>("SELECT json FROM state").one();
    const s = JSON.parse(row.json);
    s.lastSeenAt -= ms;
    state.storage.sql.exec("UPDATE state SET json = ?, last_seen_at = ?", JSON.stringify(s), s.lastSeenAt);
    state.storage.sql.exec("UPDATE outbox SET next_at = next_at - ?", ms);
    (instance as unknown as { store: VisitorStateStore }).store.reopen();
  });
}

const meOf = async (id: string) =>
  (await (await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } })).json()) as {
    stored: boolean;
    eventCount: number;
  };

it("keeps an alarm for the retention expiry", async () => {
  const id = freshVisitorId();
  await sendEvents(`wm_vid=${id}`, [{ type: "scroll" }]);
  const alarm = await runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, s) => s.storage.getAlarm());
  expect(alarm).not.toBeNull();
  expect(alarm!).toBeLessThanOrEqual(Date.now() + 30 * DAY);
});

it("erases everything after RETENTION_DAYS (30) without activity, from the alarm", async () => {
  const id = freshVisitorId();
  await sendEvents(`wm_vid=${id}`, [{ type: "add_to_cart", data: { id: "a", name: "A", price: 3 } }]);
  expect(await meOf(id)).toMatchObject({ stored: true, eventCount: 1 });
  await ageVisitor(id, 31 * DAY);
  expect(await runDurableObjectAlarm(env.VISITOR.getByName(id))).toBe(true);
  expect(await meOf(id)).toMatchObject({ stored: false, eventCount: 0 });
  const tables = await runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, s) =>
    s.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
  );
  expect(tables).toEqual([]);
});

it("keeps a visitor active within the period", async () => {
  const id = freshVisitorId();
  await sendEvents(`wm_vid=${id}`, [{ type: "scroll" }]);
  await ageVisitor(id, 29 * DAY);
  await runDurableObjectAlarm(env.VISITOR.getByName(id));
  expect(await meOf(id)).toMatchObject({ stored: true, eventCount: 1 });
  // ...and the next alarm is the day its 30 days run out.
  const alarm = await runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, s) => s.storage.getAlarm());
  expect(alarm!).toBeGreaterThan(Date.now() + 0.9 * DAY);
  expect(alarm!).toBeLessThanOrEqual(Date.now() + 1 * DAY);
});
