import { describe, expect, it } from "vitest";
import type { JourneyInput } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getShopPage } from "./support/edge.ts";
import { untilLive } from "./support/until-live.ts";
import { bannerJourney } from "./support/visitor-api.ts";

// Issue 16: saved audiences, drafted and published with the journeys; one audience used by two journeys.
const readers = (source: string) => ({
  name: "Newsletter readers",
  description: "Came from the newsletter, at any time",
  conditions: [{ type: "utm", param: "source", equals: source, touch: "first" }],
});
const usingAudience = (id: string): JourneyInput =>
  bannerJourney(id, "", {
    when: [{ type: "audience", id: "newsletter-readers" }],
    actions: [
      { id: "top", slot: id, type: "insert", selector: "body", position: "prepend", html: `<p class="${id}">hi</p>` },
    ],
  });
const acting = async (query: string) => {
  const html = await (await getShopPage(`/${query}`, { cookie: `wm_vid=${freshVisitorId()}` })).text();
  return ["hero-a", "hero-b"].filter((id) => html.includes(`<p class="${id}">`));
};

describe("saved audiences", () => {
  it("validates: bad input, unknown and circular references refused with paths", async () => {
    const bad = await api("PUT", "/audiences/broken", { name: "", conditions: [{ type: "utm", param: "src" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: unknown[] }) => i.path.join("."))).toEqual(
      expect.arrayContaining(["name", "conditions.0.param"]),
    );
    const unknown = await api("PUT", "/audiences/lonely", {
      name: "x",
      conditions: [{ type: "audience", id: "nope" }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([
      { path: ["conditions", 0, "id"], message: 'there is no saved audience "nope"' },
    ]);
    const self = await api("PUT", "/audiences/loop", { name: "x", conditions: [{ type: "audience", id: "loop" }] });
    expect(self.status).toBe(400);
    expect(self.body.issues[0].message).toBe('audience "loop" cannot use itself');
    expect(
      (await api("PUT", "/audiences/ring-a", { name: "a", conditions: [{ type: "visits", gte: 1 }] })).status,
    ).toBe(201);
    expect(
      (await api("PUT", "/audiences/ring-b", { name: "b", conditions: [{ type: "audience", id: "ring-a" }] })).status,
    ).toBe(201);
    const circle = await api("PUT", "/audiences/ring-a", {
      name: "a",
      conditions: [{ type: "audience", id: "ring-b" }],
    });
    expect(circle.status).toBe(400);
    expect(circle.body.issues[0].message).toMatch(/in a circle \(ring-a → ring-b → ring-a\)/);
    const mismatch = await api("PUT", "/audiences/x", { id: "y", name: "x", conditions: [{ type: "visits", gte: 1 }] });
    expect(mismatch.status).toBe(400);
    const journey = await api("PUT", "/journeys/uses-nothing", {
      ...usingAudience("uses-nothing"),
      when: [{ type: "audience", id: "missing-audience" }],
    });
    expect(journey.status).toBe(400);
    expect(journey.body.issues).toEqual([
      { path: ["when", 0, "id"], message: 'there is no saved audience "missing-audience"' },
    ]);
    // POST /validate answers as PUT does.
    const validate = await api("POST", "/validate", {
      ...usingAudience("uses-nothing"),
      when: [{ type: "audience", id: "missing-audience" }],
    });
    expect(validate.status).toBe(400);
    expect(validate.body.issues).toEqual(journey.body.issues);
    for (const id of ["ring-b", "ring-a"]) expect((await api("DELETE", `/audiences/${id}`)).status).toBe(200);
  });

  it("one audience used by two journeys: both act, an edit published changes both, delete refused while used", async () => {
    const put = await api("PUT", "/audiences/newsletter-readers", readers("newsletter"));
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ id: "newsletter-readers", published: false, dirty: true });
    for (const id of ["hero-a", "hero-b"])
      expect((await api("PUT", `/journeys/${id}`, usingAudience(id))).status).toBe(201);
    const v1 = await api("POST", "/publish", {});
    expect(v1.status).toBe(201);
    const version = await api("GET", `/versions/${v1.body.version}`);
    expect(version.body.audiences.map((a: { id: string }) => a.id)).toEqual(["newsletter-readers"]);
    await untilLive(v1.body.version);

    expect(await acting("?utm_source=newsletter")).toEqual(["hero-a", "hero-b"]);
    expect(await acting("?utm_source=ads")).toEqual([]);

    const list = await api("GET", "/audiences");
    const rec = list.body.audiences.find((a: { id: string }) => a.id === "newsletter-readers");
    expect(rec).toMatchObject({
      published: true,
      dirty: false,
      usedBy: { journeys: ["hero-a", "hero-b"], audiences: [] },
    });

    const refused = await api("DELETE", "/audiences/newsletter-readers");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(
      'audience "newsletter-readers" is used by journeys hero-a, hero-b: take it out of them first, then delete it',
    );

    // Edited and published: both journeys follow.
    expect((await api("PUT", "/audiences/newsletter-readers", readers("promo"))).body.dirty).toBe(true);
    const v2 = await api("POST", "/publish", {});
    await untilLive(v2.body.version);
    expect(await acting("?utm_source=newsletter")).toEqual([]);
    expect(await acting("?utm_source=promo")).toEqual(["hero-a", "hero-b"]);

    // Once no journey uses it, it can go (and leaves the live site at the next publish).
    for (const id of ["hero-a", "hero-b"]) expect((await api("DELETE", `/journeys/${id}`)).status).toBe(200);
    expect((await api("DELETE", "/audiences/newsletter-readers")).status).toBe(200);
    expect((await api("GET", "/audiences/newsletter-readers")).status).toBe(404);
    const v3 = await api("POST", "/publish", {});
    expect((await api("GET", `/versions/${v3.body.version}`)).body.audiences).toEqual([]);
  });

  it("rollback restores the old version's audiences", async () => {
    expect(
      (await api("PUT", "/audiences/returning", { name: "Returning", conditions: [{ type: "visits", gte: 2 }] }))
        .status,
    ).toBe(201);
    const v = (await api("POST", "/publish", {})).body.version;
    expect((await api("DELETE", "/audiences/returning")).status).toBe(200);
    await api("POST", "/publish", {});
    const back = await api("POST", "/rollback", { version: v });
    expect(back.status).toBe(201);
    expect((await api("GET", "/audiences/returning")).body).toMatchObject({ published: true, dirty: false });
  });
});
