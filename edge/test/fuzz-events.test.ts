// Property-based fuzzing of POST /__waymark/events (the beacon's endpoint, open to anyone): any body, valid,
// nearly valid or garbage, gets 200 or a clear 4xx JSON error, and what the visitor's object stored afterwards is
// exactly what it said it accepted. `npm run fuzz` runs it with FUZZ_RUNS.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BUILTIN_EVENTS } from "@waymark/shared";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { expectClearAnswer, fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";

const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 1_100, minLength: 990 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 55 }),
  fc.dictionary(fc.string({ maxLength: 70 }), scalar, { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const eventType = fc.oneof(
  fc.constantFrom(...BUILTIN_EVENTS, "traits", "identify", "custom_event"),
  fc.string({ maxLength: 70 }),
);

/** Events the schema accepts: the beacon's own shape. */
const validEvent = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...BUILTIN_EVENTS, "custom_event"), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/)),
    data: fc.dictionary(
      fc.string({ maxLength: 20 }),
      fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 6 },
    ),
    at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    id: fc.uuid(),
  },
  { requiredKeys: ["type"] },
);

/** Anything else: nearly valid (one field off) or wrong in many ways at once. */
const wildEvent = fc.record(
  {
    type: eventType,
    data: fc.oneof(fc.dictionary(fc.string({ maxLength: 70 }), value, { maxKeys: 55 }), fc.jsonValue({ maxDepth: 2 })),
    at: fc.oneof(fc.integer({ min: 0 }), fc.double(), fc.integer({ min: -1e6, max: -1 })),
    id: fc.oneof(fc.string({ minLength: 0, maxLength: 70 }), fc.uuid()),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const event = fc.oneof(validEvent, wildEvent);

const body = fc.oneof(
  { weight: 3, arbitrary: validEvent.map((e) => JSON.stringify(e)) },
  {
    weight: 3,
    arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 55 }).map((events) => JSON.stringify({ events })),
  },
  { weight: 2, arbitrary: event.map((e) => JSON.stringify(e)) },
  { weight: 2, arbitrary: fc.array(event, { maxLength: 60 }).map((events) => JSON.stringify({ events })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "{", "null", "[]", '{"events":[]}', '{"events":null}', "\u0000") },
);

async function post(visitorId: string, text: string, contentType: string) {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": contentType, cookie: `wm_vid=${visitorId}`, referer: `${SITE}/p` },
      body: text,
    }),
  );
}

describe("POST /__waymark/events, any body", () => {
  it(
    "answers 200 or a clear 4xx, and stores exactly what it accepted",
    async () => {
      const seen = { stored: 0, refused: 0 };
      // A bounded set of visitors (each run adds to one): thousands of Durable Objects slow this test harness down.
      const runs = fuzzRuns(120);
      const visitors = Array.from({ length: Math.min(300, Math.max(20, Math.ceil(runs / 5))) }, () => freshVisitorId());
      const acceptedBy = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(body, { minLength: 1, maxLength: 3 }),
          fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
          fc.nat(),
          async (bodies, contentType, pick) => {
            const id = visitors[pick % visitors.length];
            let accepted = acceptedBy.get(id) ?? 0;
            for (const text of bodies) {
              const res = await post(id, text, contentType);
              expect([200, 400, 413, 429]).toContain(res.status);
              if (res.status === 200) {
                const r = (await res.json()) as { accepted: number; actions: unknown[] };
                expect(Number.isInteger(r.accepted) && r.accepted >= 0).toBe(true);
                expect(Array.isArray(r.actions)).toBe(true);
                accepted += r.accepted;
                if (r.accepted) seen.stored++;
              } else {
                seen.refused++;
                await expectClearAnswer(res, "POST /__waymark/events");
              }
            }
            const me = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } }));
            expect(me.status).toBe(200);
            expect(((await me.json()) as { eventCount: number }).eventCount).toBe(accepted);
            acceptedBy.set(id, accepted);
          },
        ),
        { numRuns: runs },
      );
      // The generators reach both sides: bodies that were stored and bodies that were refused.
      expect(seen.stored).toBeGreaterThan(5);
      expect(seen.refused).toBeGreaterThan(5);
    },
    fuzzTimeout(120, 100),
  );
});
