import { env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { JourneyTrace, PreviewClaims } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage, setVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { decodeTrace, previewToken } from "./support/preview.ts";
import { publishJourneys } from "./support/visitor-api.ts";
import type { JourneyInput } from "@waymark/shared";

const CART: JourneyInput = {
  id: "pv-cart",
  name: "Preview cart",
  priority: 60,
  stages: [{ id: "browsing" }, { id: "carting" }, { id: "abandoned" }],
  start: "browsing",
  transitions: [
    { from: "*", to: "carting", on: "add_to_cart" },
    { from: "carting", to: "abandoned", after: "30m" },
  ],
  branches: [
    { id: "a", weight: 1 },
    { id: "b", weight: 1 },
  ],
  holdout: 0.5,
  actions: [
    {
      id: "ban-a",
      stage: "abandoned",
      branch: "a",
      type: "insert",
      selector: "body",
      position: "prepend",
      html: "<p id='pv'>A</p>",
    },
    {
      id: "ban-b",
      stage: "abandoned",
      branch: "b",
      type: "insert",
      selector: "body",
      position: "prepend",
      html: "<p id='pv'>B</p>",
    },
  ],
};

beforeAll(async () => {
  await publishJourneys([CART]);
});

const token = (extra: Partial<PreviewClaims> = {}) =>
  previewToken("pv-cart", { stage: "abandoned", branch: "b", ...extra });

describe("preview", () => {
  it("forces the stage and branch on a sandbox object, with the trace, never cached", async () => {
    const { token: t, jti } = await token();
    const visitor = freshVisitorId();
    const res = await getPage("/html/basic", { cookie: `wm_vid=${visitor}`, headers: { "x-waymark-preview": t } });
    const html = await res.text();
    expect(res.headers.get("x-waymark")).toBe("preview");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(html).toContain("<p id='pv'>B</p>");
    expect(html).toContain('"preview":true');
    const trace = decodeTrace(res.headers.get("x-waymark-trace")!);
    expect(trace.find((j) => j.journey === "pv-cart")).toMatchObject({ forced: true, stage: "abandoned", branch: "b" });
    // The real visitor was not touched; the sandbox was.
    const ids = (await listDurableObjectIds(env.VISITOR)).map((i) => i.toString());
    expect(ids).toContain(env.VISITOR.idFromName(`preview:${jti}`).toString());
    expect(ids).not.toContain(env.VISITOR.idFromName(visitor).toString());
    expect(setVisitorId(res)).toBeNull();
  });

  it("reads the token from the wm_preview cookie too, and previews a published version", async () => {
    const live = await api("GET", "/versions");
    const { token: t } = await token({ version: live.body.live, branch: "a" });
    const res = await getPage("/html/basic", { cookie: `wm_preview=${t}` });
    expect(res.headers.get("x-waymark")).toBe("preview");
    expect(await res.text()).toContain("<p id='pv'>A</p>");
  });

  it("shows a colleague on a shared link a preview bar (what is forced, stop link); the extension's previews get none", async () => {
    // Issue 13: a colleague who opened a share link saw no sign of preview mode.
    const { token: t } = await token({ branch: "a" });
    const shared = await (await getPage("/html/basic", { cookie: `wm_preview=${t}` })).text();
    const bar =
      /<details id="__waymark_preview_bar" open role="region" aria-label="Waymark preview"[^>]*>(.*?)<\/details>/s.exec(
        shared,
      );
    expect(bar).not.toBeNull();
    expect(bar![1]).toContain("Previewing journey <b>pv-cart</b> · stage <b>abandoned</b> · branch <b>a</b>.");
    expect(bar![1]).toContain('<a href="/__waymark/preview/stop"');
    expect(shared.indexOf("__waymark_preview_bar")).toBeLessThan(shared.lastIndexOf("</body>"));

    const extension = await (await getPage("/html/basic", { headers: { "x-waymark-preview": t } })).text();
    expect(extension).toContain("<p id='pv'>A</p>");
    expect(extension).not.toContain("__waymark_preview_bar");
    const visitor = await (await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` })).text();
    expect(visitor).not.toContain("__waymark_preview_bar");
  });

  it("ignores an invalid, tampered or foreign-site token: the normal page", async () => {
    const { token: good } = await token();
    const tampered = good.slice(0, -3) + (good.endsWith("AAA") ? "BBB" : "AAA");
    const { token: foreign } = await token({ site: "other.example" });
    const { token: expired } = await token({ iat: 1_000, exp: 2_000 });
    for (const t of [tampered, foreign, expired, "garbage"]) {
      const res = await getPage("/html/basic", { headers: { "x-waymark-preview": t } });
      expect(res.headers.get("x-waymark")).not.toBe("preview");
      expect(res.headers.get("x-waymark-trace")).toBeNull();
      expect(await res.text()).not.toContain("id='pv'");
    }
  });

  it("moves the sandbox along with events and advance-time, never the real visitor", async () => {
    const { token: t, jti } = await token({ stage: undefined, branch: "a" });
    const headers = { "x-waymark-preview": t };
    const first = await (await getPage("/html/basic", { headers })).text();
    expect(first).not.toContain("id='pv'");
    const ev = await viaWorker(
      new Request(`${SITE}/__waymark/events`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ type: "add_to_cart", data: { id: "x", name: "X", price: 1 } }),
      }),
    );
    expect(await ev.json()).toMatchObject({ accepted: 1 });
    const adv = await api("POST", `/visitors/preview:${jti}/advance-time`, { by: "31m" });
    expect(adv.status).toBe(200);
    expect(adv.body.state.journeys["pv-cart"].stage).toBe("abandoned");
    const last = await getPage("/html/basic", { headers });
    expect(await last.text()).toContain("<p id='pv'>A</p>");
  });
});

describe("POST /__waymark/api/decide", () => {
  it("returns the decision and full trace for a URL without writing anything", async () => {
    const id = freshVisitorId();
    const r = await api("POST", "/decide", { url: `${SITE}/html/basic`, visitorId: id });
    expect(r.status).toBe(200);
    expect(r.body.trace.map((t: JourneyTrace) => t.journey)).toContain("pv-cart");
    expect(r.body.actions).toEqual([]);
    const forced = await api("POST", "/decide", {
      url: `${SITE}/`,
      preview: { journey: "pv-cart", stage: "abandoned", branch: "b" },
    });
    expect(forced.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual(["ban-b"]);
    // Peeking at the visitor's object created nothing in it.
    const tables = await runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, st) =>
      st.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
    );
    expect(tables).toEqual([]);
    expect((await api("POST", "/decide", { url: "not a url" })).status).toBe(400);
    expect((await api("POST", "/decide", { url: `${SITE}/` }, { token: null })).status).toBe(401);
  });
});
