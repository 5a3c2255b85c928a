// Who may do what: the admin API refuses missing, wrong and malformed tokens (and tokens anywhere but the
// Authorization header), CORS answers only configured origins and extensions, preview tokens cannot be forged,
// tampered, expired or replayed on another site, a preview never writes the real visitor's state, redirects never
// leave the site, cookies carry the right attributes, and logs carry no secrets or visitor data.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import type { PreviewClaims } from "@waymark/shared";
import { timingSafeEqualString } from "../src/http/auth.ts";
import { signPreviewToken } from "../src/preview/preview-token.ts";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { VisitorStateStore } from "../src/visitor/object/state-store.ts";
import { ADMIN_TOKEN, api } from "./support/admin-api.ts";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { fuzzRuns, getMisbehaving, MISBEHAVING, untilLiveVersion } from "./support/misbehaving-origin-client.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const SECRET = env.PREVIEW_SECRET as string;
const HOST = new URL(SITE).host;
const V = freshVisitorId();

/** Every admin and ingest route, with a body where it takes one. */
const ROUTES: [string, string, unknown?][] = [
  ["GET", "/journeys"],
  ["GET", "/journeys/auth-j"],
  ["PUT", "/journeys/auth-j", bannerJourney("auth-j", "<p>x</p>")],
  ["DELETE", "/journeys/auth-j"],
  ["POST", "/journeys/auth-j/pause", {}],
  ["POST", "/validate", bannerJourney("auth-j", "<p>x</p>")],
  ["POST", "/publish", {}],
  ["GET", "/versions"],
  ["GET", "/versions/1"],
  ["GET", "/diff?from=live&to=draft"],
  ["POST", "/rollback", { version: 1 }],
  ["GET", "/audit"],
  ["GET", "/stats"],
  ["GET", "/qa"],
  ["POST", "/qa", {}],
  ["POST", "/preview-tokens", { journey: "auth-j" }],
  ["GET", `/visitors/${V}`],
  ["POST", `/visitors/${V}/events`, { type: "purchase" }],
  ["POST", `/visitors/${V}/traits`, { tier: "vip" }],
  ["POST", `/visitors/${V}/identify`, { customerId: "c1" }],
  ["POST", `/visitors/${V}/advance-time`, { by: "1h" }],
  ["POST", "/decide", { url: `${SITE}/` }],
];

const claims = (over: Partial<PreviewClaims> = {}): PreviewClaims => {
  const now = Math.floor(Date.now() / 1000);
  return {
    jti: `jti${crypto.randomUUID().slice(0, 12)}`,
    journey: "auth-banner",
    version: "draft",
    site: HOST,
    iat: now,
    exp: now + 600,
    ...over,
  };
};

beforeAll(async () => {
  await untilLiveVersion(await publishJourneys([bannerJourney("auth-banner", '<p id="auth-banner">hi</p>')]));
});

afterEach(() => vi.restoreAllMocks());

describe("admin API authentication", () => {
  const BAD: [string, Record<string, string>, string?][] = [
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer wrong-token-0123456789abcdef" }],
    ["the token with one character changed", { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}X` }],
    ["a prefix of the token", { authorization: `Bearer ${ADMIN_TOKEN.slice(0, 16)}` }],
    ["the token plus a suffix", { authorization: `Bearer ${ADMIN_TOKEN}x` }],
    ["Basic auth", { authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}` }],
    ["a bare token", { authorization: ADMIN_TOKEN }],
    ["an empty bearer", { authorization: "Bearer " }],
    ["two tokens", { authorization: `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}` }],
    [
      "a token in the query string",
      {},
      `?token=${ADMIN_TOKEN}&access_token=${ADMIN_TOKEN}&authorization=Bearer%20${ADMIN_TOKEN}`,
    ],
    ["a token in a cookie", { cookie: `token=${ADMIN_TOKEN}; authorization=${ADMIN_TOKEN}` }],
    ["a token in another header", { "x-admin-token": ADMIN_TOKEN, "x-api-key": ADMIN_TOKEN }],
  ];
  it.each(BAD)("refuses %s with 401 JSON on every route", async (_name, headers, query = "") => {
    for (const [method, path, body] of ROUTES) {
      const sep = path.includes("?") && query ? "&" + query.slice(1) : query;
      const r = await api(method, path + sep, body, { token: null, headers });
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.res.headers.get("content-type")).toMatch(/application\/json/);
      expect(typeof r.body.error).toBe("string");
      expect(JSON.stringify(r.body)).not.toContain(ADMIN_TOKEN);
    }
  });

  it("lets the right token through on every route (the control)", async () => {
    for (const [method, path, body] of ROUTES) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path}`).not.toBe(401);
      expect(r.status, `${method} ${path}`).toBeLessThan(500);
    }
  });

  it("ignores configured tokens shorter than 16 characters, and is closed when no token is configured", async () => {
    const short = await api("GET", "/journeys", undefined, {
      token: "short",
      fetcher: (r) => viaWorker(r, { ADMIN_TOKEN: "short" }),
    });
    expect(short.status).toBe(401);
    const none = await api("GET", "/journeys", undefined, { fetcher: (r) => viaWorker(r, { ADMIN_TOKEN: "" }) });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/disabled/);
  });

  it("compares tokens in constant time: the same answer as ===, and every byte is looked at", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.string({ maxLength: 64 }), (a, b) => {
        expect(timingSafeEqualString(a, b)).toBe(a === b);
        expect(timingSafeEqualString(a, a)).toBe(true);
      }),
      { numRuns: fuzzRuns(300) },
    );
    // No early exit of our own: every comparison, a length mismatch included, goes through the runtime's
    // constant-time crypto.subtle.timingSafeEqual.
    const spy = vi.spyOn(crypto.subtle, "timingSafeEqual");
    try {
      for (const [a, b] of [
        ["token-aaaaaaaaaaaaaaaa", "token-aaaaaaaaaaaaaaab"],
        ["token-aaaaaaaaaaaaaaaa", "xoken-aaaaaaaaaaaaaaaa"],
        ["token-aaaaaaaaaaaaaaaa", "token-aaaaaaaaaaaaaaaa"],
        ["short", "token-aaaaaaaaaaaaaaaa"],
      ])
        timingSafeEqualString(a, b);
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("CORS", () => {
  const allowed = { ALLOWED_ORIGINS: "https://admin.example, https://tools.example/" };
  const preflight = (origin: string, path = "/__waymark/api/journeys") =>
    viaWorker(
      new Request(`${SITE}${path}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "authorization" },
      }),
      allowed,
    );

  it.each([
    "https://admin.example",
    "https://tools.example",
    "chrome-extension://abcdefghijklmnop",
    "moz-extension://1234-abcd",
  ])("answers %s (configured or an extension)", async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it.each([
    "https://evil.example",
    "null",
    "https://admin.example.evil.example",
    "https://evil.example/https://admin.example",
    "http://admin.example",
    "https://admin.example:8443",
    "chrome-extension://abc/../../evil",
    "",
  ])("gives %j no CORS headers (the browser withholds the answer)", async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const get = await api("GET", "/journeys", undefined, {
      headers: origin ? { origin } : {},
      fetcher: (r) => viaWorker(r, allowed),
    });
    expect(get.res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("never opens the visitor's own endpoints to other sites", async () => {
    for (const path of ["/__waymark/me", "/__waymark/events"]) {
      const res = await viaWorker(
        new Request(`${SITE}${path}`, { headers: { origin: "https://admin.example", cookie: `wm_vid=${V}` } }),
        allowed,
      );
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("preview tokens", () => {
  async function previewed(token: string) {
    const res = await getMisbehaving("/basic", { headers: { "x-waymark-preview": token } });
    await res.text();
    return res.headers.get("x-waymark") === "preview" || res.headers.has("x-waymark-trace");
  }

  it("a genuine token previews (the control)", async () => {
    expect(await previewed(await signPreviewToken(claims(), SECRET))).toBe(true);
  });

  it("refuses forged, tampered, expired, too-long-lived and other-site tokens", async () => {
    const good = await signPreviewToken(claims(), SECRET);
    const [payload, sig] = good.split(".");
    const forged = await signPreviewToken(claims(), "another-secret-0123456789abcdef0123456789");
    const tamperedPayload = btoa(JSON.stringify({ ...claims(), journey: "other" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      forged,
      `${tamperedPayload}.${sig}`,
      `${payload}.${sig.slice(0, -2)}AA`,
      `${payload}.`,
      `${payload}`,
      `${payload}.${sig}.${sig}`,
      await signPreviewToken(claims({ iat: now - 7200, exp: now - 1 }), SECRET),
      await signPreviewToken(claims({ iat: now, exp: now + 90_000 }), SECRET),
      await signPreviewToken(claims({ site: "other.example" }), SECRET),
      await signPreviewToken(claims({ site: `${HOST}.evil.example` }), SECRET),
      "",
      "x".repeat(5_000),
    ];
    for (const token of bad) expect(await previewed(token), token.slice(0, 40)).toBe(false);
  });

  it("refuses any mutation of a genuine token (property)", async () => {
    const good = await signPreviewToken(claims(), SECRET);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.constantFrom(..."ABCxyz019-_.=%"), async (at, ch) => {
        fc.pre(good[at] !== ch);
        const mutated = good.slice(0, at) + ch + good.slice(at + 1);
        expect(await previewed(mutated)).toBe(false);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("a preview never writes the real visitor's state (pages and events go to the sandbox)", async () => {
    const id = freshVisitorId();
    const cookie = `wm_vid=${id}`;
    const token = await signPreviewToken(claims(), SECRET);
    for (let i = 0; i < 3; i++) {
      const res = await getMisbehaving("/basic", { cookie, headers: { "x-waymark-preview": token } });
      expect(res.headers.get("x-waymark")).toBe("preview");
      await res.text();
    }
    const ev = await viaWorker(
      new Request(`${SITE}/__waymark/events`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${cookie}; wm_preview=${token}`, referer: `${SITE}/` },
        body: JSON.stringify({ events: [{ type: "add_to_cart", data: { name: "previewed" } }] }),
      }),
    );
    expect(ev.status).toBe(200);
    const me = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie } }));
    const body = (await me.json()) as { stored: boolean; eventCount: number };
    expect(body.stored).toBe(false);
    expect(body.eventCount).toBe(0);
  });
});

describe("redirects and cookies", () => {
  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "https://shop.example@evil.example/",
    "https://shop.example.evil.example/",
    "http://shop.example:8080/x",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("a redirect action to %j never sends the visitor off the site", async (url) => {
    const r = await api("PUT", "/journeys/offsite", {
      id: "offsite",
      name: "off-site redirect",
      priority: 999,
      stages: [{ id: "on" }],
      start: "on",
      actions: [{ id: "go", type: "redirect", url }],
    });
    if (r.status < 300) {
      const v = (await api("POST", "/publish", {})).body.version;
      await untilLiveVersion(v);
      const res = await getMisbehaving("/basic");
      const location = res.headers.get("location");
      if (location !== null) expect(new URL(location, SITE).host).toBe(HOST);
      await api("DELETE", "/journeys/offsite");
      await api("POST", "/publish", {});
    } else expect(r.status).toBe(400);
  });

  it("sets wm_vid HttpOnly, SameSite=Lax, Path=/, Secure on https only", async () => {
    const https = await getMisbehaving("/basic", { cookie: "" });
    const c = https.headers.getSetCookie().find((x) => x.startsWith("wm_vid="))!;
    expect(c).toMatch(/^wm_vid=[A-Za-z0-9_-]{22,32}; /);
    for (const attr of ["HttpOnly", "SameSite=Lax", "Path=/", "Secure", "Max-Age=2592000"]) expect(c).toContain(attr);
    const http = await viaWorker(new Request("http://shop.example/basic", { headers: { accept: "text/html" } }), {
      ORIGIN_URL: MISBEHAVING,
    });
    const c2 = http.headers.getSetCookie().find((x) => x.startsWith("wm_vid="))!;
    expect(c2).toContain("HttpOnly");
    expect(c2).not.toContain("Secure");
  });

  it("sets wm_preview HttpOnly, SameSite=Lax, Path=/, Secure, for the token's remaining life", async () => {
    const token = await signPreviewToken(claims(), SECRET);
    const res = await viaWorker(new Request(`${SITE}/__waymark/preview?token=${encodeURIComponent(token)}`));
    expect(res.status).toBe(302);
    const c = res.headers.get("set-cookie")!;
    for (const attr of ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"]) expect(c).toContain(attr);
    expect(Number(/Max-Age=(\d+)/.exec(c)![1])).toBeLessThanOrEqual(600);
  });

  it("ignores and replaces a malformed or hostile wm_vid", async () => {
    for (const bad of [
      "short",
      "x".repeat(40),
      "abc/def/ghi/jkl/mno/pqr/stu",
      "<script>alert(1)</script>aaaaaaaaaa",
      "%00%00%00",
    ]) {
      const res = await getMisbehaving("/basic", { cookie: `wm_vid=${bad}` });
      expect(res.status).toBe(200);
      const set = res.headers.getSetCookie().find((x) => x.startsWith("wm_vid="))!;
      expect(set).toMatch(/^wm_vid=[A-Za-z0-9_-]{22,32}; /);
      expect(set).not.toContain(bad);
      await res.text();
    }
  });
});

describe("logs", () => {
  it("carry no secrets or visitor data, even when things fail", async () => {
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message} ${a.stack}` : String(a))).join(" "));
      });
    const id = freshVisitorId();
    const marker = "PII-marker-jane.doe@example.com";
    const token = await signPreviewToken(claims(), SECRET);
    const cookie = `wm_vid=${id}`;
    // Ordinary traffic, bad input, wrong tokens, a failing visitor object and a failing rules store.
    await getMisbehaving(`/basic?email=${marker}`, { cookie, headers: { "x-waymark-preview": token } });
    await getMisbehaving(`/basic?email=${marker}`, { cookie });
    const post = (body: string, overrides: Partial<Env> = {}) =>
      viaWorker(
        new Request(`${SITE}/__waymark/events`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, referer: `${SITE}/?e=${marker}` },
          body,
        }),
        overrides,
      );
    await post(JSON.stringify({ type: "add_to_cart", data: { name: marker } }));
    await post(`{"type": "${marker}"`);
    await post(JSON.stringify({ type: "add_to_cart", data: { name: marker } }), {
      VISITOR: {
        getByName: () => new Proxy({}, { get: () => () => Promise.reject(new Error(`db down for ${id}`)) }),
      } as unknown as Env["VISITOR"],
    });
    await api("GET", "/journeys", undefined, { token: `${ADMIN_TOKEN}x` });
    await api("PUT", "/journeys/bad", { id: "bad", name: marker }, {});
    await getMisbehaving("/basic", {
      cookie,
      env: {
        RULES: {
          getByName: () => {
            throw new Error("store gone");
          },
        } as unknown as Env["RULES"],
      },
    });
    // A stored state that no longer validates (it holds visitor data) is logged about, without its content.
    await runInDurableObject(env.VISITOR.getByName(id), (instance: VisitorJourney, state) => {
      state.storage.sql.exec(`UPDATE state SET json = ?`, JSON.stringify({ visitorId: id, cart: marker }));
      (instance as unknown as { store: VisitorStateStore }).store.reopen();
    });
    await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie } }));
    // The spy did see the object's log line (so silence above means clean, not deaf).
    expect(lines.some((l) => l.includes("stored visitor state repaired"))).toBe(true);
    const all = lines.join("\n");
    for (const secret of [ADMIN_TOKEN, SECRET, token, token.split(".")[1], id, marker, "jane.doe"])
      expect(all, `logs mention ${secret.slice(0, 12)}...`).not.toContain(secret);
  });
});
