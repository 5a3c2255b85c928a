import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { JourneyInput } from "@waymark/shared";
import { beforeAll, expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, ORIGIN } from "./support/edge.ts";
import { publishJourneys, sendEvents } from "./support/visitor-api.ts";

const SECRET = "test-webhook-secret-0123456789abcdef";
const KEY = `wh${crypto.randomUUID().replace(/-/g, "")}`;

const JOURNEY: JourneyInput = {
  id: "hooked",
  name: "Hooked",
  stages: [{ id: "start" }, { id: "signed-up" }],
  start: "start",
  transitions: [{ from: "start", to: "signed-up", on: "signup" }],
  // The receiver fails the first delivery (HTTP 500): the retry must come from the alarm.
  webhooks: [{ url: `${ORIGIN}/hook/${KEY}?fail=1`, stages: ["signed-up"] }],
};

beforeAll(async () => {
  await publishJourneys([JOURNEY]);
});

interface Received {
  headers: Record<string, string>;
  body: string;
  status: number;
}
const received = async (): Promise<Received[]> => (await fetch(`${ORIGIN}/__hooks/${KEY}`)).json();

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function hmacHex(secret: string, data: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(data)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

it("posts a signed webhook on a stage change, retries it from the alarm, and records the outcome", async () => {
  const id = freshVisitorId();
  const reply = await sendEvents(`wm_vid=${id}`, [{ type: "signup" }]);
  expect(reply.status).toBe(200); // answered without waiting for the webhook

  const first = await until(received, (l) => l.length >= 1);
  expect(first).toHaveLength(1);
  expect(first[0].status).toBe(500);
  const view1 = await api("GET", `/visitors/${id}`);
  const pending = view1.body.pending.filter((p: { kind: string }) => p.kind === "webhook");
  expect(pending).toMatchObject([{ kind: "webhook", attempts: 1 }]);
  expect(pending[0].nextAt).toBeGreaterThan(Date.now() + 20_000); // backoff, not a hot loop

  // Let the backoff elapse, then fire the alarm.
  const stub = env.VISITOR.getByName(id);
  await runInDurableObject(stub, (_i: VisitorJourney, state) => {
    state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'webhook'");
  });
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const all = await until(received, (l) => l.length >= 2);
  expect(all).toHaveLength(2);
  expect(all[1].status).toBe(200);

  const body = JSON.parse(all[1].body);
  expect(body).toMatchObject({
    type: "stage_change",
    journey: "hooked",
    from: "start",
    to: "signed-up",
    visitorId: id,
  });
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(all[1].headers["x-waymark-signature"]);
  expect(m).not.toBeNull();
  expect(Math.abs(Number(m![1]) - Date.now() / 1000)).toBeLessThan(300);
  expect(m![2]).toBe(await hmacHex(SECRET, `${m![1]}.${all[1].body}`));
  expect(m![2]).not.toBe(await hmacHex("some-other-secret-0123456789", `${m![1]}.${all[1].body}`));

  const view = await api("GET", `/visitors/${id}`);
  expect(view.body.deliveries).toMatchObject([
    { journey: "hooked", stage: "signed-up", status: "delivered", attempts: 2 },
  ]);
  expect(view.body.pending.filter((p: { kind: string }) => p.kind === "webhook")).toEqual([]);
});
