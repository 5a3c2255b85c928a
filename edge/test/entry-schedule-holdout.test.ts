import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { bannerJourney, publishJourneys, sendEvents } from "./support/visitor-api.ts";

// Issue 16 through the page path: a scheduled journey acts on nobody before its start and on visitors after it
// (time moved with Date.now, which the Worker and the visitor objects read); the global holdout gets nothing and is
// counted as the program's control.
const START = Date.now() + 2 * 3_600_000;
const LAUNCH = "<p id='launch'>Launch sale</p>";
const ALWAYS = "<p id='always'>Always on</p>";

async function html(id: string, extra: { env?: Partial<Env> } = {}) {
  return (await getPage("/html/basic", { cookie: `wm_vid=${id}`, env: extra.env })).text();
}

/** Moves the clock of this isolate (Worker and visitor objects alike) by `ms` until restored. */
function moveClock(ms: number) {
  const real = Date.now.bind(Date);
  return vi.spyOn(Date, "now").mockImplementation(() => real() + ms);
}

beforeAll(async () => {
  await publishJourneys([
    bannerJourney("launch", LAUNCH, { schedule: { start: new Date(START).toISOString() } }),
    bannerJourney("always", ALWAYS, {
      priority: 10,
      actions: [{ id: "top", type: "insert", selector: "body", position: "append", html: ALWAYS }],
    }),
  ]);
});

afterEach(() => vi.restoreAllMocks());

describe("schedule on the page path", () => {
  it("a journey whose start is in the future acts on nobody until then, and on the same visitors after", async () => {
    const ids = [freshVisitorId(), freshVisitorId(), freshVisitorId()];
    for (const id of ids) {
      const page = await html(id);
      expect(page).toContain(ALWAYS);
      expect(page).not.toContain(LAUNCH);
    }
    // Not entered: their state has no "launch" journey (entry happens on the first request after the start).
    const before = await api("GET", `/visitors/${ids[0]}`);
    expect(before.body.journeys.launch).toBeUndefined();
    expect(before.body.journeys.always).toBeDefined();

    moveClock(START - Date.now() + 60_000);
    for (const id of [...ids, freshVisitorId()]) expect(await html(id)).toContain(LAUNCH);
    const after = await api("GET", `/visitors/${ids[0]}`);
    expect(after.body.journeys.launch).toMatchObject({ stage: "on" });
    expect(after.body.journeys.launch.enteredAt).toBeGreaterThanOrEqual(START);
  });

  it("the decide endpoint's trace says when it starts", async () => {
    const r = await api("POST", "/decide", { url: "https://shop.example/" });
    expect(r.status).toBe(200);
    const t = r.body.trace.find((x: { journey: string }) => x.journey === "launch");
    expect(t.status).toBe("scheduled");
    expect(t.checks[0].detail).toBe(`scheduled: starts ${new Date(START).toISOString()}`);
  });
});

describe("global holdout on the page path", () => {
  it("a held-out visitor gets nothing (no actions, no journey) and is counted as the program's control", async () => {
    const held = { GLOBAL_HOLDOUT: "1" } as Partial<Env>;
    const id = freshVisitorId();
    const page = await html(id, { env: held });
    expect(page).not.toContain(ALWAYS);
    expect(page).not.toMatch(/<waymark-slot/);
    const view = await api("GET", `/visitors/${id}`);
    expect(view.body.journeys).toEqual({});
    expect(view.body.program).toMatchObject({ branch: null });

    // A purchase (from the backend) counts for the control's program metrics.
    expect((await sendEvents(`wm_vid=${id}`, [{ type: "purchase", data: { orderId: "o-1", value: 40 } }])).status).toBe(
      200,
    );
    const visitor = env.VISITOR.getByName(id);
    await runInDurableObject(visitor, (_o, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'stats'");
    });
    await runDurableObjectAlarm(visitor);
    const program = await api("GET", "/program");
    expect(program.status, JSON.stringify(program.body)).toBe(200);
    const purchase = program.body.metrics.find((m: { id: string }) => m.id === "purchase");
    expect(purchase.groups.holdout.visitors).toBeGreaterThanOrEqual(1);
    expect(purchase.groups.holdout.sum).toBeGreaterThanOrEqual(1);
    expect(program.body.control).toBe("holdout");
  });

  it("with GLOBAL_HOLDOUT at 0 the same page is personalized", async () => {
    expect(await html(freshVisitorId(), { env: { GLOBAL_HOLDOUT: "0" } as Partial<Env> })).toContain(ALWAYS);
  });
});
