// Property-based fuzzing of the admin and ingest API bodies: journeys mutated field by field (and plain garbage),
// and random JSON to every other endpoint. Always 2xx or a clear 4xx JSON error with issue paths; never a 5xx; and
// the store is never left corrupt: what was saved validates, publishing still works, pages still render.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { api as viaSelf, makeJourney } from "./support/admin-api.ts";
import { freshVisitorId, viaWorker } from "./support/edge.ts";
import { expectClearAnswer, fuzzRuns, fuzzTimeout, getMisbehaving } from "./support/misbehaving-origin-client.ts";

// Straight to the Worker's fetch handler: SELF.fetch slows down with every call in this harness.
const api = (method: string, path: string, body?: unknown) => viaSelf(method, path, body, { fetcher: viaWorker });

type Path = (string | number)[];
const FIELDS: Path[] = [
  ["id"],
  ["name"],
  ["priority"],
  ["description"],
  ["stages"],
  ["stages", 0, "id"],
  ["stages", 2, "exit"],
  ["start"],
  ["transitions"],
  ["transitions", 0, "from"],
  ["transitions", 0, "on"],
  ["transitions", 1, "after"],
  ["transitions", 0, "when"],
  ["branches"],
  ["branches", 0, "weight"],
  ["holdout"],
  ["allocation"],
  ["when"],
  ["actions"],
  ["actions", 0, "type"],
  ["actions", 0, "selector"],
  ["actions", 0, "html"],
  ["actions", 0, "position"],
  ["actions", 0, "stage"],
  ["actions", 0, "branch"],
  ["actions", 0, "when"],
  ["actions", 0, "slot"],
  ["goals"],
  ["caps"],
  ["caps", "perDay"],
  ["reentry"],
  ["webhooks"],
  ["allowScripts"],
  ["paused"],
  ["unknownField"],
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "*",
    "",
    "30m",
    "-1s",
    "99999999999d",
    "add_to_cart",
    "__proto__",
    "constructor",
    "<script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    "body",
    "p:::nonsense((",
    "a".repeat(70),
    "x".repeat(20_001),
  ),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, 1.5, 1_000_001, Number.MAX_SAFE_INTEGER) },
);

function setAt(target: unknown, path: Path, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== "object") node[key] = typeof key === "number" ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const mutatedJourney = fc
  .tuple(fc.nat({ max: 9 }), fc.array(fc.tuple(fc.constantFrom(...FIELDS), anyValue), { minLength: 0, maxLength: 3 }))
  .map(([n, mutations]) => {
    const j = structuredClone(makeJourney(`fz-${n}`)) as unknown as Record<string, unknown>;
    for (const [path, value] of mutations) setAt(j, path, structuredClone(value));
    return { id: `fz-${n}`, body: j };
  });

describe("admin API, any body", () => {
  it(
    "PUT /journeys/:id answers 2xx or a clear 4xx, and keeps only valid journeys",
    async () => {
      let saved = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 8, arbitrary: mutatedJourney },
            { weight: 1, arbitrary: fc.record({ id: fc.constant("fz-raw"), body: fc.jsonValue() }) },
            {
              weight: 1,
              arbitrary: fc.record({ id: fc.string({ maxLength: 80 }), body: fc.constant(makeJourney("fz-id")) }),
            },
          ),
          async ({ id, body }) => {
            const path = `/journeys/${encodeURIComponent(id)}`;
            const r = await api("PUT", path, body === undefined ? "null" : body);
            await expectClearAnswer(r.res.clone(), `PUT ${path}`);
            if (r.status < 300) {
              saved++;
              expect(Journey.safeParse(r.body.journey).success).toBe(true);
            }
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
      expect(saved).toBeGreaterThan(0);

      // Nothing corrupt in the store, a publish is either done or refused with reasons, and pages still render.
      const list = await api("GET", "/journeys");
      expect(list.status).toBe(200);
      expect(list.body.corrupt ?? []).toEqual([]);
      for (const rec of list.body.journeys) expect(Journey.safeParse(rec.journey).success).toBe(true);
      const pub = await api("POST", "/publish", { note: "after fuzzing" });
      await expectClearAnswer(pub.res.clone(), "POST /publish");
      expect([200, 201, 400]).toContain(pub.status);
      if (pub.status < 300) expect((await api("GET", "/versions")).body.live).toBe(pub.body.version);
      const page = await getMisbehaving("/basic");
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Still here");
    },
    fuzzTimeout(150),
  );

  it(
    "every other endpoint answers any JSON body or query with 2xx or a clear 4xx",
    async () => {
      const v = freshVisitorId();
      const endpoints: [string, string][] = [
        ["POST", "/validate"],
        ["POST", "/publish"],
        ["POST", "/rollback"],
        ["POST", "/preview-tokens"],
        ["POST", "/qa"],
        ["POST", "/decide"],
        ["POST", `/visitors/${v}/events`],
        ["POST", `/visitors/${v}/traits`],
        ["POST", `/visitors/${v}/identify`],
        ["POST", `/visitors/${v}/advance-time`],
        ["POST", "/journeys/fz-0/pause"],
        ["POST", "/journeys/fz-0/resume"],
      ];
      const queries: string[] = ["/diff", "/versions", "/audit", "/stats", "/qa", "/journeys"];
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({
              kind: fc.constant("body" as const),
              at: fc.constantFrom(...endpoints),
              body: fc.oneof(
                fc.jsonValue({ maxDepth: 3 }),
                fc.dictionary(
                  fc.constantFrom(
                    "version",
                    "journey",
                    "ttl",
                    "by",
                    "url",
                    "customerId",
                    "note",
                    "stage",
                    "branch",
                    "preview",
                    "headers",
                    "visitorId",
                    "status",
                  ),
                  anyValue,
                ),
              ),
            }),
            fc.record({
              kind: fc.constant("query" as const),
              at: fc.constantFrom(...queries),
              params: fc.dictionary(
                fc.constantFrom("from", "to", "limit", "journey", "days", "since", "version", "x"),
                fc.oneof(hostileString, fc.integer().map(String)),
                { maxKeys: 3 },
              ),
            }),
            fc.record({
              kind: fc.constant("path" as const),
              at: fc.constantFrom("/versions/", "/journeys/", "/visitors/", "/visitors/x/events/", "/journeys/fz-0/"),
              tail: fc.oneof(
                hostileString,
                fc.integer().map(String),
                fc.constantFrom("..", "%2e%2e", "%00", "preview:abc", "customer:a@b"),
              ),
            }),
          ),
          async (c) => {
            let r;
            if (c.kind === "body") r = await api(c.at[0], c.at[1], c.body === undefined ? "null" : c.body);
            else if (c.kind === "query")
              r = await api("GET", `${c.at}?${new URLSearchParams(c.params as Record<string, string>)}`);
            else r = await api("GET", `${c.at}${encodeURIComponent(c.tail)}`);
            await expectClearAnswer(r.res.clone(), `${c.kind} ${JSON.stringify(c).slice(0, 200)}`);
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
      // The visitor touched by ingest fuzzing still reads back as a valid state.
      const me = await api("GET", `/visitors/${v}`);
      expect([200, 404]).toContain(me.status);
    },
    fuzzTimeout(150),
  );
});
