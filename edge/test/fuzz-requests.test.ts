// Property-based fuzzing of everything a browser (or an attacker posing as one) controls on a request: cookies
// (wm_vid, wm_preview, wm_optout, consent), preview tokens, query strings, paths, methods and headers. Pages are
// always served (never a Waymark error), reserved endpoints answer with a clear 4xx at worst, and stored state
// stays readable.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import {
  expectClearAnswer,
  fuzzRuns,
  fuzzTimeout,
  getMisbehaving,
  MISBEHAVING,
} from "./support/misbehaving-origin-client.ts";

/** Characters a header value may carry (printable ASCII and tab; never CR, LF or NUL; browsers send ASCII). */
const headerChar = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constant("\t") },
);
const headerValue = (maxLength = 60) => fc.string({ unit: headerChar, maxLength });
const VISITORS = Array.from({ length: 12 }, () => freshVisitorId());

const cookieValue = fc.oneof(
  fc.constantFrom(...VISITORS),
  headerValue(40).map((v) => v.replace(/[;,]/g, "")),
  fc.constantFrom("1", "0", "yes", "%", "%E0%A4%A", '"quoted"', "a=b=c", "x".repeat(33), "preview:abc", "../../etc"),
);
const cookieHeader = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom("wm_vid", "wm_preview", "wm_optout", "wm_consent", "session"), headerValue(12)),
      cookieValue,
    ),
    { maxLength: 8 },
  )
  .chain((pairs) => fc.constantFrom("; ", ";", ", ", ";;").map((sep) => pairs.map(([k, v]) => `${k}=${v}`).join(sep)));

const queryString = fc.oneof(
  fc.dictionary(headerValue(10), headerValue(30), { maxKeys: 6 }).map((d) => new URLSearchParams(d).toString()),
  headerValue(80).map((raw) => raw.replace(/[#\s]/g, "")),
  fc.constantFrom("token=abc", "utm_source=<script>", "a=%ZZ", "%%%", "q=" + "x".repeat(2_000), "&&&==", "a[]=1&a[]=2"),
);

const browserHeaders = fc.record(
  {
    "user-agent": fc.oneof(
      headerValue(120),
      fc.constantFrom("Googlebot/2.1", "curl/8", "", "Mozilla/5.0 (iPhone; Mobile)"),
    ),
    accept: fc.oneof(headerValue(40), fc.constantFrom("text/html", "*/*", "application/json")),
    referer: fc.oneof(
      headerValue(80),
      fc.constantFrom(`${SITE}/pricing`, "https://evil.example/", "javascript:alert(1)"),
    ),
    "sec-gpc": fc.constantFrom("1", "0", " 1 ", "yes"),
    "sec-fetch-dest": fc.constantFrom("document", "iframe", "empty", "script", "x"),
    "x-waymark-preview": headerValue(120),
    "sec-ch-ua-mobile": fc.constantFrom("?1", "?0", "x"),
    "accept-encoding": fc.constantFrom("gzip", "br", "identity", "*", "x"),
    authorization: headerValue(60),
    "x-forwarded-for": headerValue(40),
    origin: fc.oneof(headerValue(40), fc.constantFrom("null", "https://evil.example")),
    "content-type": headerValue(40),
  },
  { requiredKeys: [] },
);

describe("pages under hostile requests", () => {
  it(
    "always serves the page: cookies, preview tokens, query strings and headers never make Waymark fail",
    async () => {
      await fc.assert(
        fc.asyncProperty(cookieHeader, queryString, browserHeaders, async (cookie, query, headers) => {
          const res = await getMisbehaving(`/basic?${query}`, { cookie, headers });
          expect(res.status, `cookie=${cookie} query=${query}`).toBe(200);
          expect(res.headers.get("x-waymark")).not.toBe("error");
          expect(res.headers.get("x-waymark")).not.toBe("preview");
          expect(res.headers.get("x-waymark-trace")).toBeNull();
          const html = await res.text();
          expect(html).toContain('<h1 id="title">Still here</h1>');
          // A Set-Cookie for wm_vid is always a well-formed id, whatever came in.
          for (const c of res.headers.getSetCookie())
            if (c.startsWith("wm_vid=")) expect(c).toMatch(/^wm_vid=([A-Za-z0-9_-]{22,32})?; Path=\//);
        }),
        // Capped: a request without a valid wm_vid creates a visitor object, and thousands of objects slow this
        // test harness (not Waymark) down to a crawl.
        { numRuns: Math.min(fuzzRuns(150), 600) },
      );
      // The visitors the cookies named still read back as valid state.
      for (const v of VISITORS) {
        const me = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${v}` } }));
        expect(me.status).toBe(200);
        const body = (await me.json()) as { eventCount: number };
        expect(Number.isInteger(body.eventCount)).toBe(true);
      }
    },
    Math.max(20_000, Math.min(fuzzRuns(150), 600) * 250),
  );
});

describe("any path, any method", () => {
  const segment = fc.oneof(
    headerValue(12).map((s) => encodeURIComponent(s)),
    fc.constantFrom(
      "..",
      ".",
      "%2e%2e",
      "%2F",
      "%00",
      "__waymark",
      "api",
      "journeys",
      "visitors",
      "me",
      "events",
      "preview",
      "beacon.js",
      "x".repeat(300),
    ),
  );
  const path = fc
    .tuple(
      fc.constantFrom("/", "/__waymark/", "/__waymark/api/", "/__WAYMARK/", "//"),
      fc.array(segment, { maxLength: 4 }),
    )
    .map(([p, s]) => p + s.join("/"));

  it(
    "answers every path and method without a 5xx; Waymark's own endpoints with JSON errors",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          path,
          fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
          fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
          browserHeaders,
          async (p, method, body, headers) => {
            const hasBody = body !== undefined && method !== "GET" && method !== "HEAD";
            const req = new Request(`${SITE}${p}`, {
              method,
              headers: { ...headers, cookie: `wm_vid=${VISITORS[0]}` },
              body: hasBody ? JSON.stringify(body) : undefined,
              redirect: "manual",
            });
            const res = await viaWorker(req, { ORIGIN_URL: MISBEHAVING });
            const pathname = new URL(req.url).pathname;
            const where = `${method} ${pathname}`;
            if (res.status >= 500) throw new Error(`${where}: ${res.status}`);
            const own =
              pathname.startsWith("/__waymark/api/") ||
              pathname === "/__waymark/events" ||
              pathname === "/__waymark/me";
            if (own && method !== "HEAD") await expectClearAnswer(res, where);
            else await res.arrayBuffer();
          },
        ),
        { numRuns: fuzzRuns(200) },
      );
    },
    fuzzTimeout(200, 60),
  );
});
