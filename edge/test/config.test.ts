// Typed configuration (src/config.ts): Env parsed once per env object with zod; an invalid variable is named
// (never its value), pages fail open (served unpersonalized) and Waymark's own endpoints answer a 500 naming it.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig, parseConfig } from "../src/config.ts";
import { requiredRole } from "../src/http/auth.ts";
import { ROUTES } from "../src/openapi/openapi-routes.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage, SITE, viaWorker } from "./support/edge.ts";

afterEach(() => vi.restoreAllMocks());

describe("parseConfig", () => {
  it("reads wrangler's vars with coercion and defaults ('' is unset)", () => {
    const c = parseConfig({
      DECISION_BUDGET_MS: "120",
      EVENTS_TIMEOUT_MS: "",
      RETENTION_DAYS: "9999",
      CONSENT_MODE: "required",
      CONSENT_COOKIE: "",
      ALLOWED_ORIGINS: " https://A.example/, ,https://b.example ",
      ADMIN_TOKEN: "alice:0123456789abcdef0123,short",
      WEBHOOK_CRM: "crm-secret-0123456789abcdef",
      WEBHOOK_SHORT: "short",
      ADMIN_PASSWORD: "not-a-webhook-secret-0123456789",
    });
    expect(c.problems).toEqual([]);
    expect(c.decisionBudgetMs).toBe(120);
    expect(c.eventsTimeoutMs).toBe(10_000);
    expect(c.retentionDays).toBe(3650);
    expect(c.consent).toEqual({ required: true, cookie: "wm_consent" });
    expect(c.personalization).toBe(true);
    expect(c.allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(c.adminTokens).toEqual([{ label: "alice", token: "0123456789abcdef0123", role: "admin" }]);
    expect([...c.webhookSecrets.keys()]).toEqual(["WEBHOOK_CRM"]);
    expect(c.analytics).toBeNull();
  });

  it.each([
    ["DECISION_BUDGET_MS", "fast"],
    ["DECISION_BUDGET_MS", "-1"],
    ["EVENTS_TIMEOUT_MS", "-5"],
    ["RETENTION_DAYS", "forever"],
    ["PERSONALIZATION", "maybe"],
    ["CONSENT_MODE", "sometimes"],
    ["CONSENT_COOKIE", "bad cookie;name"],
  ])("names %s=%j as invalid, without its value, and falls back to the default", (variable, value) => {
    const c = parseConfig({ ...env, [variable]: value });
    expect(c.problems.map((p) => p.variable)).toEqual([variable]);
    expect(c.problems[0].message).not.toContain(value);
    const defaults = parseConfig({});
    expect(c.decisionBudgetMs).toBe(variable === "DECISION_BUDGET_MS" ? defaults.decisionBudgetMs : 2000);
    expect(c.retentionDays).toBe(defaults.retentionDays);
  });

  it("parses once per env object (the page hot path pays a WeakMap lookup, not a zod parse)", () => {
    const e = { ...env } as Env;
    expect(getConfig(e)).toBe(getConfig(e));
    expect(getConfig({ ...e } as Env)).not.toBe(getConfig(e));
  });
});

describe("an invalid variable", () => {
  const broken = { DECISION_BUDGET_MS: "fast" } as Partial<Env>;

  it("serves pages unpersonalized (fail open), with no cookie, and logs the variable's name once", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}`, env: broken });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("error");
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).not.toContain("__waymark");
    const logged = errors.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).toContain("DECISION_BUDGET_MS");
    expect(logged).not.toContain("fast");
  });

  it("answers Waymark's endpoints with a 500 naming the variable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const admin = await api("GET", "/journeys", undefined, { fetcher: (r) => viaWorker(r, broken) });
    expect(admin.status).toBe(500);
    expect(admin.body).toEqual({
      error: "invalid configuration: fix these variables",
      issues: [{ path: ["DECISION_BUDGET_MS"], message: expect.any(String) }],
    });
    const health = await viaWorker(new Request(`${SITE}/__waymark/health`), broken);
    expect(health.status).toBe(500);
    expect(JSON.stringify(await health.json())).toContain("DECISION_BUDGET_MS");
  });
});

describe("the router's authentication step", () => {
  it("asks for exactly the token the route table documents, for every endpoint", () => {
    for (const r of ROUTES) {
      const path = r.path.replace(/:\w+/g, "x");
      const expected = r.auth === "admin" || r.auth === "ingest" ? r.auth : null;
      expect(requiredRole(r.method.toUpperCase(), path), `${r.method} ${r.path}`).toBe(expected);
    }
  });
});

describe("ACCESS_TOKENS (label:role:token, comma-separated)", () => {
  const T = "0123456789abcdef"; // 16 characters: the shortest accepted token
  const ok: [string, string, { label: string; role: string; token: string }[]][] = [
    ["one entry", `alice:editor:${T}a`, [{ label: "alice", role: "editor", token: `${T}a` }]],
    [
      "several, spaces and empty entries ignored",
      ` ann:viewer:${T}1 ,, bob:publisher:${T}2,ops:admin:${T}3, crm:ingest:${T}4 ,`,
      [
        { label: "ann", role: "viewer", token: `${T}1` },
        { label: "bob", role: "publisher", token: `${T}2` },
        { label: "ops", role: "admin", token: `${T}3` },
        { label: "crm", role: "ingest", token: `${T}4` },
      ],
    ],
    ["a token holding colons", `ci:editor:${T}:x:y`, [{ label: "ci", role: "editor", token: `${T}:x:y` }]],
    ["labels with . _ @ -", `a.b_c@d-e:viewer:${T}`, [{ label: "a.b_c@d-e", role: "viewer", token: T }]],
    ["unset", "", []],
  ];
  it.each(ok)("parses %s", (_name, raw, tokens) => {
    const c = parseConfig({ ADMIN_TOKEN: `admin-token-${T}`, ACCESS_TOKENS: raw });
    expect(c.problems).toEqual([]);
    expect(c.accessTokens).toEqual(tokens);
  });

  const bad: [string, string, RegExp][] = [
    ["a bare token", `${T}secret-part`, /entry 1: must be label:role:token/],
    ["label:token without a role", `alice:${T}secret-part`, /entry 1: must be label:role:token/],
    ["an unknown role", `alice:boss:${T}secret-part`, /entry 1 \(alice\): unknown role, use one of viewer, editor/],
    ["a role in capitals", `alice:Editor:${T}secret-part`, /entry 1 \(alice\): unknown role/],
    ["a short token", "alice:editor:short-secret", /entry 1 \(alice\): the token is shorter than 16 characters/],
    ["an empty token", "alice:editor:", /entry 1 \(alice\): the token is shorter than 16/],
    ["a token with a space", `alice:editor:${T} secret-part`, /entry 1 \(alice\): the token must be at most 512/],
    ["an empty label", `:editor:${T}secret-part`, /entry 1: the label must be/],
    ["a label with a space", `al ice:editor:${T}secret-part`, /entry 1: the label must be/],
    [
      "a duplicate label",
      `alice:editor:${T}secret-one,bob:viewer:${T}secret-two,alice:admin:${T}secret-3`,
      /entry 3 \(alice\): duplicate label/,
    ],
    ["ADMIN_TOKEN's label again", `boss:viewer:${T}secret-part`, /entry 1 \(boss\): duplicate label \(ADMIN_TOKEN/],
    ["the unlabelled ingest token's label", `ingest:viewer:${T}secret-part`, /duplicate label \(ADMIN_TOKEN or INGEST/],
    [
      "one token twice",
      `a:viewer:${T}secret-same,b:admin:${T}secret-same`,
      /entry 2 \(b\): the same token is given twice/,
    ],
    ["ADMIN_TOKEN's token again", `a:viewer:boss-token-${T}`, /entry 1 \(a\): the same token is given twice/],
  ];
  it.each(bad)(
    "names %s as a problem of ACCESS_TOKENS, without the token, and keeps none of its tokens",
    (_n, raw, why) => {
      const c = parseConfig({
        ADMIN_TOKEN: `boss:boss-token-${T}`,
        INGEST_TOKEN: `ingest-token-${T}`,
        // A good entry first: the bad one is entry 2 (and the good one is dropped with it).
        ACCESS_TOKENS: `ok:viewer:fine-token-${T},${raw}`,
      });
      expect(c.problems.map((p) => p.variable)).toEqual(["ACCESS_TOKENS"]);
      const message = c.problems[0].message;
      expect(message).toMatch(new RegExp(why.source.replace(/entry (\d)/, (_m, n) => `entry ${Number(n) + 1}`)));
      expect(message).not.toContain("secret");
      expect(message).not.toContain(T);
      expect(c.accessTokens).toEqual([]);
    },
  );

  it("answers Waymark's endpoints with a 500 naming ACCESS_TOKENS while it is invalid", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await api("GET", "/journeys", undefined, {
      fetcher: (req) => viaWorker(req, { ACCESS_TOKENS: "alice:boss:0123456789abcdef-secret" } as Partial<Env>),
    });
    expect(r.status).toBe(500);
    expect(r.body.issues).toEqual([{ path: ["ACCESS_TOKENS"], message: expect.stringMatching(/unknown role/) }]);
    expect(JSON.stringify(r.body)).not.toContain("secret");
  });

  it.each([
    ["", false],
    ["false", false],
    ["true", true],
  ])("REQUIRE_APPROVAL=%j is %s", (raw, on) => {
    expect(parseConfig({ REQUIRE_APPROVAL: raw }).requireApproval).toBe(on);
  });

  it("names REQUIRE_APPROVAL=yes as invalid", () => {
    expect(parseConfig({ REQUIRE_APPROVAL: "yes" }).problems.map((p) => p.variable)).toEqual(["REQUIRE_APPROVAL"]);
  });
});
