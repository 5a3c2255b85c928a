import { describe, expect, it } from "vitest";
import { api, makeJourney } from "./support/admin-api.ts";

// DELETE /__waymark/api/journeys/:id/draft: one journey's unpublished edits thrown away, nothing else touched.
describe("discarding one journey's draft", () => {
  it("makes the draft the live version again, leaves other drafts and the live version alone", async () => {
    const id = "discard-one";
    const other = "discard-other";
    expect((await api("PUT", `/journeys/${id}`, makeJourney(id, { name: "Live name" }))).status).toBe(201);
    expect((await api("POST", "/publish", {})).status).toBe(201);
    const liveBefore = (await api("GET", "/versions")).body.live;

    expect((await api("PUT", `/journeys/${id}`, makeJourney(id, { name: "Edited name", priority: 9 }))).status).toBe(
      200,
    );
    expect((await api("PUT", `/journeys/${other}`, makeJourney(other, { name: "Other draft" }))).status).toBe(201);
    expect((await api("GET", `/journeys/${id}`)).body.dirty).toBe(true);

    const r = await api("DELETE", `/journeys/${id}/draft`);
    expect(r.status).toBe(200);
    expect(r.body.journey.name).toBe("Live name");
    expect(r.body.journey.priority).toBe(0);
    expect(r.body.dirty).toBe(false);
    expect(r.body.status).toBe("published");

    const again = await api("GET", `/journeys/${id}`);
    expect(again.body.journey.name).toBe("Live name");
    expect((await api("GET", `/journeys/${other}`)).body.journey.name).toBe("Other draft");
    expect((await api("GET", "/versions")).body.live).toBe(liveBefore);
    const audit = (await api("GET", "/audit")).body;
    const entries = (audit.entries ?? audit) as { action: string; target: string | null }[];
    expect(entries.some((e) => e.action === "journey.discard" && e.target === id)).toBe(true);
  });

  it("refuses a journey that was never published (409: delete it instead), and an unknown one (404)", async () => {
    const id = "discard-never-live";
    expect((await api("PUT", `/journeys/${id}`, makeJourney(id))).status).toBe(201);
    const r = await api("DELETE", `/journeys/${id}/draft`);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/never been published/);
    expect((await api("GET", `/journeys/${id}`)).status).toBe(200);
    expect((await api("DELETE", "/journeys/no-such-journey/draft")).status).toBe(404);
    expect((await api("DELETE", "/journeys/Bad%20Id!/draft")).status).toBe(400);
  });

  it("needs the admin token", async () => {
    expect((await api("DELETE", "/journeys/abandoned-cart/draft", undefined, { token: null })).status).toBe(401);
  });
});
