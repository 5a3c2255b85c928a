import { describe, expect, it } from "vitest";
import type { PageManifest } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

// Tracking rules (issue 15, contract E) as the edge delivers and applies them, and the exposures of the exports
// (issue 14), on pages of the Node origin through the real Worker and visitor objects.
const live = bannerJourney("tracked", "<p>Tracked</p>", {
  stages: [{ id: "on" }, { id: "viewed" }],
  transitions: [{ from: "on", to: "viewed", on: "basic_viewed" }],
  actions: [
    { id: "top", stage: "on", type: "insert", selector: "body", position: "prepend", html: "<p>Tracked</p>" },
    { id: "after", stage: "viewed", type: "insert", selector: "body", position: "prepend", html: "<p>Seen basic</p>" },
  ],
  track: [
    { on: "click", selector: "#buy", event: "buy_clicked" },
    { on: "click", selector: "a.promo", event: "promo_clicked", id: "promo" },
    { on: "view", url: "/html/*", event: "basic_viewed" },
  ],
});
// The same click rule again (one entry in the manifest), and a holdout-only journey for the exposures.
const held = bannerJourney("held", "<p>Held</p>", {
  holdout: 1,
  track: [{ on: "click", selector: "#buy", event: "buy_clicked" }],
});
const paused = bannerJourney("paused-tracking", "<p>Paused</p>", {
  paused: true,
  track: [
    { on: "click", selector: "#secret", event: "secret_clicked" },
    { on: "view", url: "/**", event: "anything_viewed" },
  ],
});

const published = publishJourneys([live, held, paused]);

function manifestIn(html: string): PageManifest {
  const m = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html);
  expect(m, "the page has a manifest").not.toBeNull();
  return JSON.parse(m![1]);
}

async function visit(id: string, env: Partial<Env> = {}) {
  await published;
  const res = await getPage("/html/basic", { cookie: `wm_vid=${id}`, env });
  return res.text();
}

describe("tracking rules at the edge", () => {
  it("the manifest carries the click rules of live journeys only, once each, and no view rules", async () => {
    const m = manifestIn(await visit(freshVisitorId()));
    expect(m.track).toEqual([
      { s: "#buy", e: "buy_clicked" },
      { s: "a.promo", e: "promo_clicked" },
    ]);
  });

  it("an anonymous page (consent required, not given) carries them too: they are the ruleset's, not the visitor's", async () => {
    await published;
    const res = await getPage("/html/basic", { env: { CONSENT_MODE: "required" } });
    const m = manifestIn(await res.text());
    expect(m.track?.map((r) => r.e)).toEqual(["buy_clicked", "promo_clicked"]);
  });

  it("a view rule reports its event in the page view itself: the journey moves and the page shows the new stage", async () => {
    const id = freshVisitorId();
    const html = await visit(id);
    expect(html).toContain("<p>Seen basic</p>");
    expect(html).not.toContain("<p>Tracked</p>");
    const view = await api("GET", `/visitors/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.journeys.tracked.stage).toBe("viewed");
    // A paused journey's view rule reported nothing, and the event was logged like any other.
    expect(view.body.journeys["paused-tracking"]).toBeUndefined();
    const types = (view.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toContain("basic_viewed");
    expect(types).not.toContain("anything_viewed");
  });

  it("exposures reach the manifest only when an export is switched on, a holdout as branch holdout", async () => {
    const off = manifestIn(await visit(freshVisitorId()));
    expect(off.exposures).toBeUndefined();
    expect(JSON.stringify(off)).not.toContain("holdout");
    for (const config of ['{"dataLayer":true}', '{"segment":true}']) {
      const on = manifestIn(await visit(freshVisitorId(), { BEACON_CONFIG: config }));
      expect(on.exposures).toEqual(
        expect.arrayContaining([
          { journey: "tracked", stage: "viewed", branch: "default" },
          { journey: "held", stage: "on", branch: "holdout" },
        ]),
      );
      expect(on.exposures).toHaveLength(2);
    }
    const both = manifestIn(await visit(freshVisitorId(), { BEACON_CONFIG: '{"dataLayer":false,"segment":false}' }));
    expect(both.exposures).toBeUndefined();
  });
});
