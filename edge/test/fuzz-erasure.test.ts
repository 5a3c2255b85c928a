// Property-based fuzzing of erasure ordering (issue 12 item 6): whatever a browser sends around an opt-out or a
// DELETE /me (events, pages, more erasures, an opt-in), in any grouping of concurrent requests, an erasure wins over
// every write that was not made after a later opt-in. `npm run fuzz` runs it with FUZZ_RUNS.
import { env, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freshVisitorId, getPage, SITE, viaWorker } from "./support/edge.ts";
import { fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";
import { postEventsAs } from "./support/identity.ts";

type Op = "event" | "page" | "opt-out" | "delete" | "opt-in";

const send = (op: Op, vid: string, n: number): Promise<unknown> => {
  const cookie = `wm_vid=${vid}`;
  if (op === "event") return postEventsAs(vid, [{ type: "fuzz_event", id: `e-${n}` }]);
  if (op === "page") return getPage("/html/basic", { cookie });
  const method = op === "delete" ? "DELETE" : "POST";
  const path = op === "delete" ? "me" : op;
  return viaWorker(new Request(`${SITE}/__waymark/${path}`, { method, headers: { cookie } }));
};

async function storedRows(vid: string): Promise<number> {
  return runInDurableObject(env.VISITOR.getByName(vid), (_instance, state) => {
    const sql = state.storage.sql;
    const has = (t: string) =>
      sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, t).toArray().length > 0;
    const count = (t: string) => (has(t) ? sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`).one().n : 0);
    return count("state") + count("events");
  });
}

/** Waves of requests: the requests of one wave are sent at once, waves one after another. */
const waves = fc.array(
  fc.array(fc.constantFrom<Op>("event", "event", "page", "opt-out", "delete", "opt-in"), {
    minLength: 1,
    maxLength: 4,
  }),
  { minLength: 1, maxLength: 4 },
);

describe("erasure ordering (property)", () => {
  it(
    "after the last wave holding an erasure (and no opt-in from then on), nothing of the visitor is stored",
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(waves, async (plan) => {
          const vid = freshVisitorId();
          await postEventsAs(vid, [{ type: "before", id: `b-${n++}` }]);
          for (const wave of plan) await Promise.all(wave.map((op) => send(op, vid, n++)));
          // The waves that decide the end state: the last one with an erasure, unless an opt-in came with or after it
          // (an opt-in racing an erasure may land either side of it, so such plans only check for no 5xx).
          const lastErase = plan.findLastIndex((w) => w.includes("opt-out") || w.includes("delete"));
          const lastOptIn = plan.findLastIndex((w) => w.includes("opt-in"));
          if (lastErase < 0 || lastOptIn >= lastErase) return;
          // Late writes after the erasure: served, never stored.
          await send("event", vid, n++);
          await send("page", vid, n++);
          expect(await storedRows(vid), JSON.stringify(plan)).toBe(0);
        }),
        { numRuns: fuzzRuns(8) },
      );
    },
    fuzzTimeout(8, 3_000),
  );
});
