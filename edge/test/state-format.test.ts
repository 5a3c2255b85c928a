// Issue 19: waking a visitor object trusts a state row written under the current STATE_FORMAT (no schema parse);
// a row of another format (an older release, or none recorded) is parsed and repaired, then written back under it.
import { env, runInDurableObject } from "cloudflare:test";
import { STATE_FORMAT, type VisitorState } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { VisitorStateStore } from "../src/visitor/object/state-store.ts";
import { freshVisitorId } from "./support/edge.ts";
import { sendEvents } from "./support/visitor-api.ts";

const storeOf = (o: VisitorJourney) => (o as unknown as { store: VisitorStateStore }).store;

/** A visitor with a stored state, and a way to rewrite its row and wake its store afresh. */
async function storedVisitor() {
  const id = freshVisitorId();
  expect((await sendEvents(`wm_vid=${id}`, [{ type: "scroll" }])).status).toBe(200);
  const stub = env.VISITOR.getByName(id);
  return {
    id,
    /** Rewrites the row (and the recorded format, or removes it), reopens the store as an activation does, reads. */
    wake: (edit: (state: VisitorState) => unknown, format: string | null) =>
      runInDurableObject(stub, (o: VisitorJourney, st) => {
        const sql = st.storage.sql;
        const row = sql.exec<{ json: string }>(`SELECT json FROM state WHERE id = 1`).one();
        sql.exec(`UPDATE state SET json = ? WHERE id = 1`, JSON.stringify(edit(JSON.parse(row.json))));
        if (format === null) sql.exec(`DELETE FROM meta WHERE key = 'state_format'`);
        else sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('state_format', ?)`, format);
        const store = storeOf(o);
        store.reopen();
        return store.read()!.state as VisitorState & { extra?: unknown };
      }),
    format: () =>
      runInDurableObject(stub, (_o: VisitorJourney, st) =>
        st.storage.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'state_format'`).toArray()[0]?.value,
      ),
  };
}

describe("stored state format", () => {
  it("a commit records the current format beside the row", async () => {
    const v = await storedVisitor();
    expect(await v.format()).toBe(STATE_FORMAT);
  });

  it("a row of the current format is taken as written (no schema parse: an unknown key survives)", async () => {
    const v = await storedVisitor();
    const state = await v.wake((s) => ({ ...s, extra: 1 }), STATE_FORMAT);
    expect(state.extra).toBe(1);
    expect(state.visitorId).toBe(v.id);
  });

  it("a row of another format, or of none, is parsed and repaired", async () => {
    const v = await storedVisitor();
    for (const format of ["older", null]) {
      const state = await v.wake((s) => ({ ...s, extra: 1, cart: { ...s.cart, value: "bogus" } }), format);
      expect(state.extra).toBeUndefined();
      expect(state.cart.value).toBe(0);
    }
  });

  it("the next visit writes the repaired state back under the current format", async () => {
    const v = await storedVisitor();
    await v.wake((s) => s, "older");
    expect(await v.format()).toBe("older");
    expect((await sendEvents(`wm_vid=${v.id}`, [{ type: "scroll" }])).status).toBe(200);
    expect(await v.format()).toBe(STATE_FORMAT);
  });
});
