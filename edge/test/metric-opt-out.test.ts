// Issue 14: opting out is a guardrail metric. POST /__waymark/opt-out erases the visitor; just before, the visitor
// object counts the opt_out metric of each journey the visitor is enrolled in, so a banner that drives visitors to
// opt out shows up as a worse guardrail instead of vanishing with their data.
import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { StatsResponse } from "@waymark/shared/schemas/stats.ts";
import { api, makeJourney } from "./support/admin-api.ts";
import { freshVisitorId, getShopPage, SITE } from "./support/edge.ts";
import { publishJourneys } from "./support/visitor-api.ts";
import type { ScheduledWork } from "../src/visitor/object/scheduled-work.ts";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";

const JOURNEY = "opt-out-guardrail";
const today = () => new Date().toISOString().slice(0, 10);

async function optOutMetric(): Promise<{ visitors: number; sum: number; sumSq: number }> {
  const r = await api("GET", `/stats?journey=${JOURNEY}&from=${today()}&to=${today()}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const m = (r.body as StatsResponse).metrics.find((x) => x.id === "opt-outs")!;
  const g = m.groups.a ?? { visitors: 0, sum: 0, sumSq: 0 };
  return { visitors: g.visitors, sum: g.sum, sumSq: g.sumSq };
}

/** Makes the visitor's stats batch due and runs its alarm (the object batches stats before delivering them). */
async function deliverStats(id: string) {
  const visitor = env.VISITOR.getByName(id);
  await runInDurableObject(visitor, (_o, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'stats'");
  });
  expect(await runDurableObjectAlarm(visitor)).toBe(true);
}

const optOut = (cookie: string) =>
  SELF.fetch(`${SITE}/__waymark/opt-out`, { method: "POST", headers: { cookie, origin: SITE } });

describe("opt-out as a guardrail metric", () => {
  beforeAll(async () => {
    await publishJourneys([
      makeJourney(JOURNEY, {
        branches: [{ id: "a", weight: 1 }],
        holdout: 0,
        metrics: [
          { id: "bought", kind: "conversion", event: "purchase" },
          { id: "opt-outs", kind: "conversion", event: "opt_out", role: "guardrail", direction: "decrease" },
        ],
      }),
    ]);
  });

  it("an enrolled visitor who opts out adds 1 to the opt_out metric of the journey, then nothing is stored", async () => {
    const id = freshVisitorId();
    const cookie = `wm_vid=${id}`;
    const before = await optOutMetric();
    expect((await getShopPage("/", { cookie })).status).toBe(200);
    await deliverStats(id);
    const enrolled = await optOutMetric();
    expect(enrolled).toEqual({ visitors: before.visitors + 1, sum: before.sum, sumSq: before.sumSq });

    const res = await optOut(cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ optedOut: true });
    expect(await optOutMetric()).toEqual({ visitors: enrolled.visitors, sum: before.sum + 1, sumSq: before.sumSq + 1 });
    // The erasure itself is unchanged: nothing about the visitor is left but the tombstone.
    const me = await env.VISITOR.getByName(id).peek();
    expect(me).toBeNull();
  });

  it("an opt-out right after the first page, before the stats batch went out, counts the enrolment too", async () => {
    const cookie = `wm_vid=${freshVisitorId()}`;
    const before = await optOutMetric();
    expect((await getShopPage("/", { cookie })).status).toBe(200);
    // No delivery: the enroll fact is still in the visitor's outbox when the erasure comes.
    expect((await optOut(cookie)).status).toBe(200);
    expect(await optOutMetric()).toEqual({
      visitors: before.visitors + 1,
      sum: before.sum + 1,
      sumSq: before.sumSq + 1,
    });
  });

  it("an opt-out while the enrolment is being delivered waits for it: counted once, not again from the outbox", async () => {
    const id = freshVisitorId();
    const before = await optOutMetric();
    const visitor = env.VISITOR.getByName(id);
    expect((await getShopPage("/", { cookie: `wm_vid=${id}` })).status).toBe(200);
    await runInDurableObject(visitor, async (o: VisitorJourney, state) => {
      expect(state.storage.sql.exec(`SELECT kind FROM outbox WHERE kind = 'stats'`).toArray().length).toBe(1);
      // The alarm's delivery is running (awaiting the shard) when the opt-out comes.
      const running = (o as unknown as { work: ScheduledWork }).work.flush();
      await o.forget({ optOut: true });
      await running;
    });
    expect(await optOutMetric()).toEqual({
      visitors: before.visitors + 1,
      sum: before.sum + 1,
      sumSq: before.sumSq + 1,
    });
  });

  it("a browser Waymark has never stored counts nothing when it opts out", async () => {
    const before = await optOutMetric();
    const res = await optOut(`wm_vid=${freshVisitorId()}`);
    expect(res.status).toBe(200);
    expect(await optOutMetric()).toEqual(before);
  });
});
