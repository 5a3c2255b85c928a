import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { TOUCH_LIMITS, VisitorState } from "../src/schemas/state.ts";
import { eventBatch, pageView } from "../src/engine/visit.ts";
import { ctxFrom, T0 } from "./support/fixtures.ts";

// The case through the one visit pipeline: a newsletter banner built on the session's (or first) touch.
const banner = (id: string, touch: "first" | "session") => ({
  id,
  name: id,
  stages: [{ id: "on" }],
  start: "on",
  when: [{ type: "utm", param: "source", equals: "newsletter", touch }],
  actions: [{ id: "top", slot: id, type: "insert", selector: "body", position: "prepend", html: `<p>${id}</p>` }],
});
const rules = compileRuleset({
  version: 1,
  journeys: [banner("session-news", "session"), banner("first-news", "first")],
});
const MIN = 60_000;

function visit(state: VisitorState, at: number, path: string, query: Record<string, string> = {}, referrer?: string) {
  return pageView(state, rules, ctxFrom({ path, query, referrer: referrer ?? null }), { now: at });
}
const shown = (v: ReturnType<typeof visit>) => v.decision.actions.map((a) => a.journey).sort();

describe("session and first touch", () => {
  it("keeps the landing's utm_source for the session's later pages and, as the first touch, for later sessions", () => {
    let s = newVisitorState("v-touch", T0);
    let v = visit(s, T0, "/", { utm_source: "newsletter", utm_campaign: "spring" }, "https://mail.google.com/");
    expect(shown(v)).toEqual(["first-news", "session-news"]);
    s = v.state;
    expect(s.touch?.first).toEqual({
      at: T0,
      utm: { source: "newsletter", campaign: "spring" },
      source: "email",
      landing: "/",
      referrer: "https://mail.google.com/",
    });
    // Three pages later (no utm in the URL any more): still the newsletter session.
    for (const [i, path] of ["/products", "/products/mug", "/cart"].entries()) {
      v = visit(s, T0 + (i + 1) * MIN, path, {}, "https://shop.example/");
      s = v.state;
      expect(shown(v), path).toEqual(["first-news", "session-news"]);
    }
    expect(s.touch?.session?.landing).toBe("/");
    // A beacon event 31 minutes later starts a new session; its touch waits for the session's first page view.
    s = eventBatch(s, rules, [{ type: "scroll" }], { now: T0 + 34 * MIN }).state;
    expect(s.visits).toBe(2);
    expect(s.previousSessionAt).toBe(T0 + 3 * MIN);
    v = visit(s, T0 + 35 * MIN, "/products/tent", {}, "https://www.google.com/");
    s = v.state;
    expect(shown(v)).toEqual(["first-news"]);
    expect(s.touch?.session).toMatchObject({ at: T0 + 35 * MIN, utm: {}, source: "search", landing: "/products/tent" });
    expect(s.touch?.first?.utm.source).toBe("newsletter");
  });

  it("without a stored state (no consent) reads the request alone", () => {
    const fresh = () => newVisitorState("v-anon", T0);
    expect(shown(visit(fresh(), T0, "/", { utm_source: "newsletter" }))).toEqual(["first-news", "session-news"]);
    expect(shown(visit(fresh(), T0 + MIN, "/cart"))).toEqual([]);
  });

  it("bounds what a touch keeps, whatever the URL", () => {
    const long = "x".repeat(5_000);
    const s = visit(
      newVisitorState("v-long", T0),
      T0,
      `/${long}`,
      { utm_source: long, utm_term: long },
      `https://a.example/${long}`,
    ).state;
    expect(s.touch?.first?.utm.source).toHaveLength(TOUCH_LIMITS.utm);
    expect(s.touch?.first?.landing).toHaveLength(TOUCH_LIMITS.landing);
    expect(s.touch?.first?.referrer).toHaveLength(TOUCH_LIMITS.referrer);
    expect(VisitorState.safeParse(s).success).toBe(true);
    expect(JSON.stringify(s.touch).length).toBeLessThan(3_000);
  });
});
