import { env, runInDurableObject, SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import { getShopPage, setVisitorId, SITE } from "./support/edge.ts";
import { sendEvents } from "./support/visitor-api.ts";

const me = (cookie?: string, method = "GET") =>
  SELF.fetch(`${SITE}/__waymark/me`, { method, headers: cookie ? { cookie } : {} });

it("GET /me without a visitor: nothing stored", async () => {
  const res = await me();
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ visitorId: null, eventCount: 0, stored: false });
});

it("GET /me returns everything stored, DELETE /me erases it all", async () => {
  const page = await getShopPage("/");
  await page.text();
  const id = setVisitorId(page)!;
  const cookie = `wm_vid=${id}`;
  expect(
    (await sendEvents(cookie, [{ type: "add_to_cart", data: { id: "mug", name: "Mug", price: 12 } }])).status,
  ).toBe(200);
  expect((await sendEvents(cookie, [{ type: "rage_click", data: { selector: "#buy" } }])).status).toBe(200);

  const res = await me(cookie);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const body = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body.visitorId).toBe(id);
  expect(body.eventCount).toBe(3); // the page view and two events
  expect(body.stored).toBe(true);
  expect(body.cart).toMatchObject({ count: 1, lastItem: { name: "Mug" } });
  expect(body.pageViews).toBe(1);
  expect(body.events.map((e: { type: string }) => e.type)).toEqual(["add_to_cart", "rage_click"]);
  expect(Object.keys(body.journeys)).toContain("abandoned-cart");

  const del = await me(cookie, "DELETE");
  expect(del.status).toBe(200);
  expect(del.headers.getSetCookie().some((c) => /^wm_vid=;.*Max-Age=0/.test(c))).toBe(true);
  const after = (await (await me(cookie)).json()) as Record<string, unknown>;
  expect(after).toMatchObject({ visitorId: id, eventCount: 0, stored: false, events: [] });
  // Only the erasure's tombstone is left (issue 12 item 6: writes in flight must not bring the visitor back): the
  // erasure time, nothing about the visitor, and the alarm that erases it after the retention period.
  const left = await runInDurableObject(env.VISITOR.getByName(id), async (_i: VisitorJourney, state) => ({
    tables: state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
      )
      .toArray()
      .map((r) => r.name),
    rows: state.storage.sql.exec("SELECT * FROM tombstone").toArray(),
    alarm: await state.storage.getAlarm(),
  }));
  expect(left.tables).toEqual(["tombstone"]);
  expect(left.rows).toEqual([{ id: 1, at: expect.any(Number) }]);
  expect(left.alarm! - (left.rows[0].at as number)).toBe(30 * 86_400_000);
});
