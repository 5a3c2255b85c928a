import { describe, expect, it } from "vitest";
import { api, makeJourney } from "./support/admin-api.ts";
import { viaWorker } from "./support/edge.ts";

// A redirect labelled "URL (same site)" must not be saved pointing at another site when the site's host is known
// (ORIGIN_URL): PUT, validate and publish answer 400 at the url. The admin calls go to https://shop.example.
const ORIGIN_URL = "https://origin.shop.example";
const known = { fetcher: (r: Request) => viaWorker(r, { ORIGIN_URL }) };
const withRedirect = (id: string, url: string) =>
  makeJourney(id, { actions: [{ type: "redirect", url, stage: "later" }] });

describe("redirects to other hosts, refused while authoring when the site's host is known", () => {
  it("PUT and validate refuse an absolute URL on another host, at the action's url", async () => {
    for (const [method, path] of [
      ["PUT", "/journeys/redirect-evil"],
      ["POST", "/validate"],
    ] as const) {
      const r = await api(method, path, withRedirect("redirect-evil", "https://evil.example.com/phish"), known);
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.body.issues).toEqual([
        { path: ["actions", 0, "url"], message: expect.stringContaining("a redirect never leaves the site") },
      ]);
    }
    expect((await api("GET", "/journeys/redirect-evil", undefined, known)).status).toBe(404);
  });

  it.each(["/pricing", "https://origin.shop.example/sale", "https://shop.example/sale"])(
    "accepts a path or a URL on the origin's or the Worker's host: %s",
    async (url) => {
      const r = await api("POST", "/validate", withRedirect("redirect-ok", url), known);
      expect(r.status).toBe(200);
    },
  );

  it("publish refuses a draft saved while the host was unknown, naming the journey and the url", async () => {
    const id = "redirect-saved-earlier";
    // ORIGIN_URL empty (the demo shop, SELF): the host is unknown, so the draft is saved (the dashboard warns).
    expect((await api("PUT", `/journeys/${id}`, withRedirect(id, "https://evil.example.com/phish"))).status).toBe(201);
    const live = (await api("GET", "/versions", undefined, known)).body.live;
    const r = await api("POST", "/publish", {}, known);
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([["journeys", id, "actions", 0, "url"]]);
    expect((await api("GET", "/versions", undefined, known)).body.live).toBe(live);
    expect((await api("DELETE", `/journeys/${id}`)).status).toBe(200);
  });

  it("GET /journeys tells the dashboard the site's hosts (null when unknown)", async () => {
    expect((await api("GET", "/journeys", undefined, known)).body.siteHosts).toEqual([
      "origin.shop.example",
      "shop.example",
    ]);
    expect((await api("GET", "/journeys")).body.siteHosts).toBeNull();
  });
});
