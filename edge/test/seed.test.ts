import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { RulesStore } from "../src/rules/object/rules-store.ts";
import { rulesStore } from "../src/rules/rules-stub.ts";

describe("seed journeys", () => {
  it("are valid journeys the engine compiles", () => {
    for (const j of SEED_JOURNEYS) expect(Journey.safeParse(j).error?.issues ?? [], j.id).toEqual([]);
    const compiled = compileRuleset({ version: 1, journeys: SEED_JOURNEYS });
    expect(compiled.skipped).toEqual([]);
    expect(compiled.journeys.map((j) => [j.id, j.priority])).toEqual([
      ["confusion-help", 20],
      ["abandoned-cart", 10],
      ["welcome-back", 5],
    ]);
  });

  it("abandoned-cart is the contract journey with both banners linking to the cart", () => {
    const j = Journey.parse(SEED_JOURNEYS.find((s) => s.id === "abandoned-cart"));
    expect(j).toMatchObject({ priority: 10, holdout: 0.1, start: "browsing", goals: ["purchase"] });
    expect(j.transitions).toContainEqual({ from: "carting", to: "abandoned", after: "30m" });
    expect(j.branches.map((b) => b.id)).toEqual(["discount", "reminder"]);
    for (const a of j.actions) {
      expect(a).toMatchObject({ type: "insert", selector: "body", position: "prepend", stage: "abandoned" });
      // A cart to remind of, and not on the checkout or its confirmation (issue 13).
      expect(a.when).toEqual([
        { type: "cart", minCount: 1 },
        { type: "path", glob: ["/checkout", "/checkout/**"], not: true },
      ]);
      expect((a as { html: string }).html).toMatch(/^<div class="wm-banner">.*<a href="\/cart">/);
    }
    expect(j.actions.find((a) => a.branch === "reminder")).toMatchObject({
      html: 'Still thinking about {{cart.lastItem.name}}? Your cart is waiting. <a href="/cart">View cart</a>'
        .replace(/^/, '<div class="wm-banner">')
        .concat("</div>"),
    });
  });

  it("confusion-help nudges confused visitors, capped", () => {
    const j = Journey.parse(SEED_JOURNEYS.find((s) => s.id === "confusion-help"));
    expect(j.transitions.filter((t) => t.to === "confused").map((t) => t.on)).toEqual(["rage_click", "back_and_forth"]);
    expect(j.stages.find((s) => s.id === "helped")?.exit).toBe(true);
    const nudge = j.actions[0] as { type: string; title: string; html: string };
    expect(nudge).toMatchObject({ type: "nudge", title: "Need a hand?", stage: "confused" });
    expect(nudge.html).toContain('href="/faq"');
    expect(nudge.html).toContain('href="mailto:help@example.com" data-wm-track="help_clicked">Chat with us');
    expect(j.caps).toEqual({ perSession: 2, dismissCooldown: "1d" });
  });

  it("welcome-back greets returning visitors on the home page only", () => {
    const j = Journey.parse(SEED_JOURNEYS.find((s) => s.id === "welcome-back"));
    expect(j.transitions).toEqual([
      { from: "new", to: "returning", on: "page_view", when: [{ type: "visits", gte: 2 }] },
    ]);
    // The greeting (the decision point on the product list is checked below).
    const greeting = j.actions.filter((a) => a.type !== "offer");
    expect(greeting.map((a) => a.type)).toEqual(["replace", "insert"]);
    for (const a of greeting) expect(a.when).toEqual([{ type: "path", glob: "/" }]);
  });

  it("welcome-back's next best offer: 4 offers on the product list, learned from adds to cart (issue 18)", () => {
    const j = Journey.parse(SEED_JOURNEYS.find((s) => s.id === "welcome-back"));
    const offer = j.actions.find((a) => a.type === "offer");
    expect(offer).toMatchObject({
      selector: "#main .filters",
      objective: "carted",
      when: [{ type: "path", glob: "/products" }],
    });
    if (offer?.type !== "offer") return;
    expect(offer.offers.map((o) => o.id)).toEqual(["free-shipping", "ten-off", "phone-cart", "bundle"]);
    expect(j.metrics).toEqual([expect.objectContaining({ id: "carted", event: "add_to_cart" })]);
  });

  it("are published once as version 1 of an empty store, and not again", async () => {
    const stub = rulesStore(env);
    const live = await stub.getLive();
    expect(live.version).toBe(1);
    expect(live.ruleset?.journeys.map((j) => j.id)).toEqual(["abandoned-cart", "confusion-help", "welcome-back"]);
    // Deleting every journey must not bring the seeds back when the object starts again.
    for (const id of ["abandoned-cart", "confusion-help", "welcome-back"]) await stub.deleteJourney(id, "test");
    await runInDurableObject(stub, (_instance: RulesStore, state) => {
      const again = new RulesStore(state, env);
      expect(again.listJourneys().journeys).toEqual([]);
      expect(again.listVersions().versions).toHaveLength(1);
    });
  });
});
