import { describe, expect, it, vi } from "vitest";
import { applyEvent } from "../src/engine/apply-event.ts";
import { compileRuleset, onlyJourney } from "../src/engine/compile-ruleset.ts";
import { decide } from "../src/engine/decide.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import type { RequestContext } from "../src/schemas/context.ts";
import type { VisitorState } from "../src/schemas/state.ts";

// What decide computes once per ruleset or once per decision (issue 19) must answer exactly as if computed per
// journey and per request: equal conditions share one evaluation per decision, templates share escaped values,
// slots are numbered at compile time.

const NOW = Date.UTC(2026, 0, 15, 12);
const MIN = 60_000;

function ctx(path: string): RequestContext {
  return { path, query: {}, referrer: null, device: "desktop", country: null, cookies: {}, host: "shop.example" };
}

function journey(id: string, on: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    stages: [{ id: "browsing" }, { id: "carting" }],
    start: "browsing",
    transitions: [{ from: "*", to: "carting", on }],
    actions: [],
    ...extra,
  };
}

function visitor(rules: ReturnType<typeof compileRuleset>, cartName: string): VisitorState {
  let state = newVisitorState("memovisitor00000000000001", NOW - 60 * MIN);
  const events = [
    { at: NOW - 20 * MIN, event: { type: "add_to_cart", data: { id: "sku-1", name: cartName, price: 5 } } },
    { at: NOW - 5 * MIN, event: { type: "view_cart" } },
  ];
  for (const { at, event } of events) state = applyEvent(state, event, rules, { now: at, random: () => 0.5 }).state;
  return state;
}

describe("decide: per-decision memo of journey-independent conditions", () => {
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journey("early", "add_to_cart", {
        priority: 2,
        when: [
          { type: "path", glob: ["/shop/**", "/cart"] },
          { type: "in_stage_for", atLeast: "10m" },
          { type: "any", conditions: [{ type: "in_stage_for", atLeast: "10m" }] },
        ],
      }),
      journey("late", "view_cart", {
        priority: 1,
        when: [
          { type: "path", glob: ["/shop/**", "/cart"] },
          { type: "in_stage_for", atLeast: "10m" },
          { type: "any", conditions: [{ type: "in_stage_for", atLeast: "10m" }] },
        ],
      }),
      journey("negated", "view_cart", { when: [{ type: "path", glob: ["/shop/**", "/cart"], not: true }] }),
    ],
  });

  it("numbers equal request conditions alike and never those reading the journey's stage", () => {
    const [early, late, negated] = ["early", "late", "negated"].map((id) => rules.byId.get(id)!);
    expect(early.whenKeys[0]).toBeGreaterThanOrEqual(0);
    expect(late.whenKeys[0]).toBe(early.whenKeys[0]);
    expect(negated.whenKeys[0]).not.toBe(early.whenKeys[0]);
    expect(early.whenKeys.slice(1)).toEqual([-1, -1]);
    expect(rules.conditionCount).toBe(2);
  });

  it("answers each journey's stage conditions for that journey, and each request afresh", () => {
    const state = visitor(rules, "Shoes");
    const checks = (path: string) =>
      Object.fromEntries(
        decide(state, rules, ctx(path), { now: NOW, mode: "page" }).trace.map((t) => [
          t.journey,
          t.checks.map((c) => `${c.check}: ${c.ok}`),
        ]),
      );
    expect(checks("/cart")).toEqual({
      early: ["when[0] path: true", "when[1] in_stage_for: true", "when[2] any: true"],
      late: ["when[0] path: true", "when[1] in_stage_for: false", "when[2] any: false"],
      negated: ["when[0] path: false"],
    });
    // The same compiled ruleset, another page: nothing remembered from the decision before.
    expect(checks("/about")).toEqual({
      early: ["when[0] path: false", "when[1] in_stage_for: true", "when[2] any: true"],
      late: ["when[0] path: false", "when[1] in_stage_for: false", "when[2] any: false"],
      negated: ["when[0] path: true"],
    });
  });
});

describe("decide: values escaped once per decision", () => {
  const insert = (i: number, html: string) => ({ type: "insert", selector: `#s${i}`, position: "append", html });
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journey("a", "add_to_cart", {
        actions: [
          insert(1, `<p>{{cart.lastItem.name}} {{traits.nick | "friend"}}</p>`),
          insert(2, `<p>{{traits.nick | "pal"}} {{cart.count | plural: "item", "items"}} {{cart.count}}</p>`),
          { type: "nudge", html: "<b>{{cart.lastItem.name}}</b>", title: "{{cart.lastItem.name}}?" },
          insert(3, `<a href="/p/{{cart.lastItem.name}}">{{cart.lastItem.name}}</a>`),
        ],
      }),
    ],
  });
  const rendered = (cartName: string) =>
    decide(visitor(rules, cartName), rules, ctx("/"), { now: NOW, mode: "page" }).actions.map((a) =>
      a.action.type === "nudge" ? `${a.action.title} ${a.action.html}` : "html" in a.action ? a.action.html : "",
    );

  it("gives each placeholder its own default and plural, and each visitor their own values", () => {
    expect(rendered(`<i>"Shoes"</i>`)).toEqual([
      "<p>&lt;i&gt;&quot;Shoes&quot;&lt;/i&gt; friend</p>",
      "<p>pal item 1</p>",
      "&lt;i&gt;&quot;Shoes&quot;&lt;/i&gt;? <b>&lt;i&gt;&quot;Shoes&quot;&lt;/i&gt;</b>",
      `<a href="/p/&lt;i&gt;&quot;Shoes&quot;&lt;/i&gt;">&lt;i&gt;&quot;Shoes&quot;&lt;/i&gt;</a>`,
    ]);
    // Same compiled ruleset and templates, another visitor: their value, not the one escaped before.
    expect(rendered("Hat")[0]).toBe("<p>Hat friend</p>");
  });
});

describe("decide: slots numbered at compile time", () => {
  const banner = (slot?: string) => ({
    type: "insert",
    selector: "#hero",
    position: "append",
    html: "x",
    ...(slot ? { slot } : {}),
  });
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journey("first", "add_to_cart", { priority: 3, actions: [banner()] }),
      journey("second", "add_to_cart", { priority: 2, actions: [banner(), banner("other")] }),
      journey("third", "add_to_cart", { priority: 1, actions: [banner("other")] }),
    ],
  });

  it("lets the first claim of a slot win, across journeys and in a narrowed ruleset", () => {
    expect(rules.slotCount).toBe(2);
    const state = visitor(rules, "Shoes");
    const statuses = (r: typeof rules) =>
      decide(state, r, ctx("/"), { now: NOW, mode: "page" }).trace.map(
        (t) =>
          `${t.journey}: ${t.actions.map((a) => a.status + (a.lostTo ? ` to ${a.lostTo.journey}` : "")).join(", ")}`,
      );
    expect(statuses(rules)).toEqual([
      "first: applied",
      "second: lost_slot to first, applied",
      "third: lost_slot to second",
    ]);
    expect(statuses(onlyJourney(rules, "third"))).toEqual(["third: applied"]);
  });
});

describe("decide: stages and branches by number", () => {
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journey("j", "add_to_cart", {
        stages: [{ id: "browsing" }, { id: "carting" }, { id: "done", exit: true }],
        branches: [
          { id: "x", weight: 1 },
          { id: "y", weight: 1 },
        ],
        transitions: [
          { from: "*", to: "carting", on: "add_to_cart" },
          { from: "*", to: "done", on: "purchase" },
        ],
        actions: [
          { id: "inCarting", stage: "carting", type: "insert", selector: "#a", position: "append", html: "a" },
          {
            id: "notCarting",
            stage: ["browsing", "done"],
            type: "insert",
            selector: "#b",
            position: "append",
            html: "b",
          },
          { id: "anyLive", type: "insert", selector: "#c", position: "append", html: "c" },
          { id: "onlyY", branch: "y", type: "insert", selector: "#d", position: "append", html: "d" },
        ],
      }),
    ],
  });
  const statuses = (state: VisitorState, force?: { journey: string; stage?: string; branch?: string }) => {
    const t = decide(state, rules, ctx("/"), { now: NOW, mode: "page", force }).trace[0];
    return { stage: t.stage, branch: t.branch, actions: t.actions.map((a) => `${a.id} ${a.status}`), checks: t.checks };
  };
  const inCart = visitor(rules, "Shoes");
  const withJourney = (patch: Record<string, unknown>): VisitorState => ({
    ...inCart,
    journeys: { ...inCart.journeys, j: { ...inCart.journeys.j, ...patch } },
  });

  it("applies an action in its listed stages, and one without a list in every stage but an exit stage", () => {
    const y = withJourney({ branch: "y" });
    expect(statuses(y).actions).toEqual([
      "inCarting applied",
      "notCarting wrong_stage",
      "anyLive applied",
      "onlyY applied",
    ]);
    const x = withJourney({ branch: "x" });
    expect(statuses(x).actions.at(-1)).toBe("onlyY wrong_branch");
    const done = statuses(y, { journey: "j", stage: "done" });
    expect(done.stage).toBe("done");
    expect(done.actions).toEqual([
      "inCarting wrong_stage",
      "notCarting applied",
      "anyLive wrong_stage",
      "onlyY wrong_stage",
    ]);
  });

  it("decides a stage or branch gone from the rules as the start stage and a fresh branch; previews name unknown ones", () => {
    const gone = statuses(withJourney({ stage: "checkout", branch: "z" }));
    expect(gone.stage).toBe("browsing");
    expect(["x", "y"]).toContain(gone.branch);
    expect(gone.actions.slice(0, 3)).toEqual(["inCarting wrong_stage", "notCarting applied", "anyLive applied"]);
    const forced = statuses(withJourney({ branch: "y" }), { journey: "j", stage: "nope", branch: "nah" });
    expect(forced.stage).toBe("carting");
    expect(forced.branch).toBe("y");
    expect(forced.checks.slice(0, 2)).toEqual([
      { check: "force.stage", ok: false, detail: "unknown stage nope" },
      { check: "force.branch", ok: false, detail: "unknown branch nah" },
    ]);
    const forcedKnown = statuses(withJourney({ branch: "y" }), { journey: "j", stage: "browsing", branch: "x" });
    expect(forcedKnown.actions).toEqual([
      "inCarting wrong_stage",
      "notCarting applied",
      "anyLive applied",
      "onlyY wrong_branch",
    ]);
  });
});

describe("render: escaped values kept by path number", () => {
  it("never gives a path parsed after the path cache is cleared the number of one parsed before", async () => {
    // A fresh copy of the parser: its first path is numbered 0, and the flood fills its path cache (2,000 paths), so
    // the next new path clears it. A numbering restarted by the clear would give that path 0 as well.
    vi.resetModules();
    const { parseTemplate } = await import("../src/engine/parse-template.ts");
    const { fillTemplate } = await import("../src/engine/render-template.ts");
    const before = parseTemplate("<b>{{cart.lastItem.name}}</b>");
    for (let i = 0; i < 1_999; i++) parseTemplate(`{{flood.p${i}}}`);
    const after = parseTemplate("<i>{{cart.count}}</i>");
    const values = { "cart.lastItem.name": "Shoes & socks", "cart.count": "2" };
    const escaped: string[] = [];
    expect([fillTemplate(before, values, escaped), fillTemplate(after, values, escaped)]).toEqual([
      "<b>Shoes &amp; socks</b>",
      "<i>2</i>",
    ]);
  });
});
