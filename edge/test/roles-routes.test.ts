// Roles (issue 16): every route under /__waymark/api/ has a row in the role table (routes/admin/route-roles.ts),
// enforced by the router before any handler; a token whose role is short of it gets a 403 naming the role needed;
// GET /whoami tells the dashboard what the token may do.
import { describe, expect, it } from "vitest";
import { createRouter } from "../src/http/router.ts";
import { routeRule } from "../src/http/auth.ts";
import { ROUTE_ROLES } from "../src/routes/admin/route-roles.ts";
import { registerRoutes } from "../src/routes/register-routes.ts";
import { api, makeJourney } from "./support/admin-api.ts";
import { freshVisitorId, viaWorker } from "./support/edge.ts";

export const TOKENS = {
  viewer: "roles-viewer-token-0123456789",
  editor: "roles-editor-token-0123456789",
  publisher: "roles-publisher-token-0123456789",
  admin: "roles-admin-token-0123456789",
  ingest: "roles-ingest-token-0123456789",
} as const;
const ACCESS_TOKENS = Object.entries(TOKENS)
  .map(([role, token]) => `${role}-label:${role}:${token}`)
  .join(",");

type Who = keyof typeof TOKENS;
const as = (who: Who, method: string, path: string, body?: unknown, env: Partial<Env> = {}) =>
  api(method, path, body, {
    token: TOKENS[who],
    fetcher: (r) => viaWorker(r, { ACCESS_TOKENS, ...env } as Partial<Env>),
  });

describe("the role table", () => {
  const API = "/__waymark/api/";
  const registered = registerRoutes(createRouter())
    .routes.map(([method, , , path]) => `${method} ${path}`)
    .filter((r) => r.split(" ")[1].startsWith(API) && !r.startsWith("OPTIONS "));

  it("has a row for every route the Worker registers under /__waymark/api/", () => {
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((r) => !(r in ROUTE_ROLES))).toEqual([]);
  });

  // Saved audiences (issue 16, contract shared with helper G): their rows are in the table before the routes land,
  // so the routes are never admin-only by omission.
  const CONTRACTED = new Set([
    "GET /__waymark/api/audiences",
    "GET /__waymark/api/audiences/:id",
    "PUT /__waymark/api/audiences/:id",
    "DELETE /__waymark/api/audiences/:id",
  ]);

  it("names no route the Worker does not register", () => {
    expect(Object.keys(ROUTE_ROLES).filter((r) => !registered.includes(r) && !CONTRACTED.has(r))).toEqual([]);
  });

  it("is what the router looks up, and an unlisted path is admin-only (fail closed)", () => {
    expect(routeRule("POST", "/__waymark/api/publish").rule.role).toBe("publisher");
    expect(routeRule("GET", "/__waymark/api/stats.csv").rule.role).toBe("viewer");
    expect(routeRule("HEAD", "/__waymark/api/journeys").rule.role).toBe("viewer");
    expect(routeRule("GET", "/__waymark/api/statsxcsv").rule.role).toBe("admin");
    expect(routeRule("POST", "/__waymark/api/visitors/preview%3Aabc/events").params).toEqual({
      visitorId: "preview:abc",
    });
    expect(routeRule("GET", "/__waymark/api/not-a-route").rule.role).toBe("admin");
  });
});

describe("403 naming the role needed", () => {
  it("refuses a viewer's publish, naming the publisher role", async () => {
    const r = await as("viewer", "POST", "/publish", {});
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: "publishing needs the publisher role; this token is viewer" });
  });

  it("lets an editor PUT a draft but not publish, pause or roll back", async () => {
    const put = await as("editor", "PUT", "/journeys/roles-editor-j", makeJourney("roles-editor-j"));
    expect(put.status).toBe(201);
    expect(put.body.updatedBy).toBe("editor-label");
    const publish = await as("editor", "POST", "/publish", {});
    expect(publish.status).toBe(403);
    expect(publish.body.error).toBe("publishing needs the publisher role; this token is editor");
    expect((await as("editor", "POST", "/journeys/roles-editor-j/pause", {})).body.error).toBe(
      "pausing a journey needs the publisher role; this token is editor",
    );
    expect((await as("editor", "POST", "/rollback", { version: 1 })).status).toBe(403);
    // Nothing was published by the refused calls.
    const audit = await as("viewer", "GET", "/audit");
    expect(audit.body.entries.filter((e: { actor: string }) => e.actor === "editor-label")).toEqual([
      expect.objectContaining({ action: "journey.create", target: "roles-editor-j" }),
    ]);
  });

  it("lets a publisher publish, with the label in the audit log", async () => {
    await as("editor", "PUT", "/journeys/roles-pub-j", makeJourney("roles-pub-j"));
    const r = await as("publisher", "POST", "/publish", { note: "by the publisher" });
    expect(r.status).toBe(201);
    const audit = await as("viewer", "GET", "/audit?limit=5");
    expect(audit.body.entries[0]).toMatchObject({
      actor: "publisher-label",
      action: "publish",
      target: `v${r.body.version}`,
    });
  });

  it("keeps visitor records to admins, and server-side events to ingest and admin tokens", async () => {
    const v = freshVisitorId();
    for (const who of ["viewer", "editor", "publisher"] as const) {
      const look = await as(who, "GET", `/visitors/${v}`);
      expect(look.status).toBe(403);
      expect(look.body.error).toBe(`looking up a visitor needs the admin role; this token is ${who}`);
      const ev = await as(who, "POST", `/visitors/${v}/events`, { type: "purchase" });
      expect(ev.body.error).toBe(`recording server-side events needs the ingest or admin role; this token is ${who}`);
      expect((await as(who, "POST", `/visitors/${v}/traits`, { tier: "vip" })).status).toBe(403);
    }
    expect((await as("admin", "GET", `/visitors/${v}`)).status).toBe(404);
    expect((await as("ingest", "POST", `/visitors/${v}/events`, { type: "purchase" })).status).toBe(200);
    const ingestReads = await as("ingest", "GET", "/journeys");
    expect(ingestReads.status).toBe(403);
    expect(ingestReads.body.error).toBe("reading journeys needs the viewer role; this token is ingest");
  });

  it("lets an editor act on a preview sandbox (QA runs), not on a real visitor", async () => {
    const sandbox = encodeURIComponent("preview:rolesjti0123456789");
    expect((await as("editor", "POST", `/visitors/${sandbox}/events`, { type: "add_to_cart" })).status).toBe(200);
    const real = await as("editor", "POST", `/visitors/${freshVisitorId()}/advance-time`, { by: "1h" });
    expect(real.body.error).toBe("moving a visitor's clock needs the admin role; this token is editor");
  });

  it("still answers 401 (not 403) for a wrong token, and ADMIN_TOKEN keeps the admin role", async () => {
    const wrong = await api("POST", "/publish", {}, { token: "not-a-token-0123456789abcdef" });
    expect(wrong.status).toBe(401);
    const me = await api("GET", "/whoami");
    expect(me.body).toMatchObject({ label: "admin", role: "admin" });
  });
});

describe("GET /whoami", () => {
  it.each([
    ["viewer", { read: true, edit: false, publish: false, requestPublish: false, approve: false, visitors: false }],
    [
      "editor",
      { read: true, edit: true, preview: true, qa: true, publish: false, requestPublish: true, approve: false },
    ],
    [
      "publisher",
      { edit: true, publish: true, requestPublish: true, approve: true, pause: true, rollback: true, visitors: false },
    ],
    ["admin", { publish: true, approve: true, visitors: true, ingest: true }],
    ["ingest", { read: false, edit: false, publish: false, ingest: true }],
  ] as const)("tells a %s what it may do, and why not", async (who, can) => {
    const r = await as(who, "GET", "/whoami");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ label: `${who}-label`, role: who, approvals: false, can });
    for (const [cap, yes] of Object.entries(r.body.can)) expect(cap in r.body.why).toBe(!yes);
    if (who === "editor") expect(r.body.why.publish).toBe("publishing needs the publisher role; this token is editor");
  });

  it("with approvals on, only an admin may publish directly", async () => {
    const env = { REQUIRE_APPROVAL: "true" } as Partial<Env>;
    const pub = await as("publisher", "GET", "/whoami", undefined, env);
    expect(pub.body).toMatchObject({ approvals: true, can: { publish: false, approve: true } });
    expect(pub.body.why.publish).toMatch(
      /with approvals on \(REQUIRE_APPROVAL\), publishing directly needs the admin role/,
    );
    expect((await as("admin", "GET", "/whoami", undefined, env)).body.can.publish).toBe(true);
  });
});
