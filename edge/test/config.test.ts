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
