import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, api, makeJourney } from "./support/admin-api.ts";

describe("admin auth", () => {
  it("refuses a missing token with 401", async () => {
    const r = await api("GET", "/journeys", undefined, { token: null });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/token/);
  });

  it("refuses a wrong token with 401", async () => {
    const r = await api("GET", "/journeys", undefined, { token: "wrong-token-0123456789abcdefxx" });
    expect(r.status).toBe(401);
  });

  it.each([
    ["Basic scheme", `Basic ${ADMIN_TOKEN}`],
    ["no scheme", ADMIN_TOKEN],
    ["space inside", `Bearer ${ADMIN_TOKEN} extra`],
    ["empty bearer", "Bearer "],
  ])("refuses a malformed Authorization header (%s) with 401", async (_name, header) => {
    const r = await api("GET", "/journeys", undefined, { token: null, headers: { authorization: header } });
    expect(r.status).toBe(401);
  });

  it.each(["token", "access_token", "auth"])("never accepts the token from the query string (?%s=)", async (name) => {
    const r = await api("GET", `/journeys?${name}=${ADMIN_TOKEN}`, undefined, { token: null });
    expect(r.status).toBe(401);
  });

  it("refuses every admin route without a token", async () => {
    const routes: [string, string][] = [
      ["GET", "/journeys/abandoned-cart"],
      ["PUT", "/journeys/x"],
      ["DELETE", "/journeys/x"],
      ["POST", "/journeys/x/pause"],
      ["POST", "/journeys/x/resume"],
      ["POST", "/validate"],
      ["POST", "/publish"],
      ["GET", "/versions"],
      ["GET", "/versions/1"],
      ["GET", "/diff"],
      ["POST", "/rollback"],
      ["GET", "/audit"],
      ["GET", "/stats?journey=abandoned-cart"],
      ["POST", "/preview-tokens"],
      ["GET", "/qa"],
      ["POST", "/qa"],
    ];
    for (const [method, path] of routes) {
      const r = await api(method, path, method === "GET" ? undefined : {}, { token: null });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("journeys CRUD", () => {
  it("lists the seed journeys of a fresh store as published", async () => {
    const r = await api("GET", "/journeys");
    expect(r.status).toBe(200);
    const ids = r.body.journeys.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining(["abandoned-cart", "confusion-help", "welcome-back"]));
    const cart = r.body.journeys.find((j: { id: string }) => j.id === "abandoned-cart");
    expect(cart).toMatchObject({ status: "published", dirty: false, publishedVersion: 1, updatedBy: "waymark" });
  });

  it("creates, reads, replaces and deletes a draft", async () => {
    const created = await api("PUT", "/journeys/crud-one", makeJourney("crud-one"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "crud-one", status: "draft", dirty: true, publishedVersion: null });
    expect(created.body.updatedBy).toBe("admin");
    // Schema defaults are applied: what is stored is the journey as the engine means it.
    expect(created.body.journey.priority).toBe(0);

    const read = await api("GET", "/journeys/crud-one");
    expect(read.status).toBe(200);
    expect(read.body.journey.name).toBe("Journey crud-one");

    const replaced = await api("PUT", "/journeys/crud-one", makeJourney("crud-one", { name: "Renamed" }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.journey.name).toBe("Renamed");

    const list = await api("GET", "/journeys");
    expect(list.body.journeys.filter((j: { id: string }) => j.id === "crud-one")).toHaveLength(1);

    const del = await api("DELETE", "/journeys/crud-one");
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: true });
    expect((await api("GET", "/journeys/crud-one")).status).toBe(404);
    expect((await api("DELETE", "/journeys/crud-one")).status).toBe(404);
  });

  it("answers 400 with the path of a bad duration", async () => {
    const j = makeJourney("bad-duration");
    (j.transitions as { after?: string }[])[1].after = "30 minutes";
    const r = await api("PUT", "/journeys/bad-duration", j);
    expect(r.status).toBe(400);
    expect(r.body.error).toBeTypeOf("string");
    expect(r.body.issues).toContainEqual({
      path: ["transitions", 1, "after"],
      message: expect.stringMatching(/duration/),
    });
    expect((await api("GET", "/journeys/bad-duration")).status).toBe(404);
  });

  it("answers 400 with paths for unknown stage references and unsafe HTML", async () => {
    const j = makeJourney("bad-refs", {
      start: "nowhere",
      actions: [{ type: "insert", selector: "body", html: "<img src=x onerror=alert(1)>", stage: "start" }],
    });
    const r = await api("PUT", "/journeys/bad-refs", j);
    expect(r.status).toBe(400);
    const paths = r.body.issues.map((i: { path: unknown[] }) => JSON.stringify(i.path));
    expect(paths).toContain(JSON.stringify(["start"]));
    expect(paths).toContain(JSON.stringify(["actions", 0, "html"]));
  });

  it("answers 400 for an unknown template value, listing the known ones (issue 13: {{cart.nonsense}})", async () => {
    const j = makeJourney("bad-template", {
      actions: [{ type: "insert", selector: "body", html: "<p>{{cart.nonsense}}</p>", stage: "start" }],
    });
    const r = await api("PUT", "/journeys/bad-template", j);
    expect(r.status).toBe(400);
    expect(r.body.issues).toContainEqual({
      path: ["actions", 0, "html"],
      message: expect.stringMatching(/unknown template value \{\{cart\.nonsense\}\}: use one of .*cart\.count/),
    });
    const ok = makeJourney("good-template", {
      actions: [{ type: "insert", selector: "body", html: '<p>{{traits.name | "there"}}</p>', stage: "start" }],
    });
    expect((await api("PUT", "/journeys/good-template", ok)).status).toBe(201);
    await api("DELETE", "/journeys/good-template");
  });

  it("answers 400 when the id in the body differs from the path", async () => {
    const r = await api("PUT", "/journeys/path-id", makeJourney("body-id"));
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: ["id"], message: expect.stringContaining("path-id") }]);
  });

  it("answers 400 for an invalid id in the path and for non-JSON bodies", async () => {
    const badId = await api("GET", "/journeys/Not%20A%20Slug");
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0].path).toEqual(["id"]);
    const r = await api("PUT", "/journeys/x", "{not json");
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/JSON/);
  });

  it("answers 413 for a body over the limit", async () => {
    const huge = makeJourney("huge", { description: "x".repeat(300 * 1024) });
    const r = await api("PUT", "/journeys/huge", huge);
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/larger/);
  });

  it("validates without saving, with the same issues as PUT", async () => {
    const ok = await api("POST", "/validate", makeJourney("validate-only"));
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
    expect((await api("GET", "/journeys/validate-only")).status).toBe(404);
    const bad = makeJourney("validate-bad");
    (bad.transitions as { after?: string }[])[1].after = "soon";
    const put = await api("PUT", "/journeys/validate-bad", bad);
    const val = await api("POST", "/validate", bad);
    expect(val.status).toBe(400);
    expect(val.body.issues).toEqual(put.body.issues);
  });
});

describe("pause and resume", () => {
  it("pauses a live journey at once (a new version with paused: true) and resumes it", async () => {
    const before = await api("GET", "/versions");
    const paused = await api("POST", "/journeys/welcome-back/pause");
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ id: "welcome-back", status: "paused", dirty: false });

    const after = await api("GET", "/versions");
    expect(after.body.live).toBe(before.body.live + 1);
    const live = await api("GET", `/versions/${after.body.live}`);
    expect(live.body.journeys.find((j: { id: string }) => j.id === "welcome-back").paused).toBe(true);
    // Other journeys are carried over unchanged.
    expect(live.body.journeys.find((j: { id: string }) => j.id === "abandoned-cart").paused).toBeUndefined();

    const resumed = await api("POST", "/journeys/welcome-back/resume");
    expect(resumed.body).toMatchObject({ status: "published", dirty: false });
    const again = await api("GET", `/versions/live`);
    expect(again.body.journeys.find((j: { id: string }) => j.id === "welcome-back").paused).toBeUndefined();
  });

  it("pauses a draft that was never published without publishing anything", async () => {
    await api("PUT", "/journeys/pause-draft", makeJourney("pause-draft"));
    const before = (await api("GET", "/versions")).body.live;
    const r = await api("POST", "/journeys/pause-draft/pause");
    expect(r.body.status).toBe("paused");
    expect((await api("GET", "/versions")).body.live).toBe(before);
    // It is published paused later on.
    const pub = await api("POST", "/publish", {});
    const live = await api("GET", `/versions/${pub.body.version}`);
    expect(live.body.journeys.find((j: { id: string }) => j.id === "pause-draft").paused).toBe(true);
    expect((await api("GET", "/journeys/pause-draft")).body.status).toBe("paused");
  });

  it("answers 404 for an unknown journey", async () => {
    expect((await api("POST", "/journeys/nope-nope/pause")).status).toBe(404);
  });
});
