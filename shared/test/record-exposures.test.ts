import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { recordExposures } from "../src/engine/record-exposures.ts";
import type { Decision } from "../src/schemas/decision.ts";
import { VisitorState } from "../src/schemas/state.ts";
import { journeyStateFrom, stateFrom, T0 } from "./support/fixtures.ts";

const DAY = 86_400_000;
const NOW = T0 + 2 * DAY;

const journey = (id: string, caps?: object) => ({
  id,
  name: id,
  priority: 1,
  stages: [{ id: "seen" }],
  start: "seen",
  transitions: [],
  actions: [{ stage: "seen", type: "insert", selector: "body", position: "prepend", html: "<p>x</p>" }],
  ...(caps ? { caps } : {}),
});

const rules = compileRuleset({
  version: 1,
  journeys: [journey("plain"), journey("daily", { perDay: 3 }), journey("session", { perSession: 1 })],
});

const shown = (...ids: string[]): Decision =>
  ({
    version: 1,
    at: NOW,
    actions: [],
    redirect: null,
    trace: [],
    exposures: ids.map((id) => ({
      journey: id.replace("~holdout", ""),
      stage: "seen",
      branch: "default",
      holdout: id.endsWith("~holdout"),
      actionIds: ["a0"],
    })),
  }) as unknown as Decision;

/** A state stored before issue 19: every journey kept its exposure times and lastExposedAt. */
function older(): VisitorState {
  const old = {
    exposures: 600,
    lastExposedAt: NOW - 1_000,
    recentExposures: [NOW - DAY - 5, NOW - 2_000, NOW - 1_000],
  };
  return stateFrom({
    journeys: { plain: { ...old }, daily: { ...old }, session: { ...old }, other: { ...old } },
  });
}

describe("recordExposures keeps exposure times only where a cap reads them (issue 19)", () => {
  it("counts an uncapped journey's exposure without any timestamp, dropping an older state's", () => {
    const s = recordExposures(older(), rules, shown("plain"), NOW);
    expect(s.journeys.plain).toEqual({
      ...journeyStateFrom({}),
      stage: "browsing",
      exposures: 601,
      lastExposedAt: undefined,
      recentExposures: undefined,
    });
    expect(Object.keys(s.journeys.plain)).not.toContain("recentExposures");
    expect(Object.keys(s.journeys.plain)).not.toContain("lastExposedAt");
    // A journey not shown is left as stored (it still parses).
    expect(s.journeys.other).toEqual(older().journeys.other);
    expect(VisitorState.safeParse(JSON.parse(JSON.stringify(s))).success).toBe(true);
  });

  it("keeps the last day's times of a journey with a perDay or perSession cap", () => {
    const s = recordExposures(older(), rules, shown("daily", "session"), NOW);
    for (const id of ["daily", "session"]) {
      expect(s.journeys[id].exposures).toBe(601);
      expect(s.journeys[id].recentExposures).toEqual([NOW - 2_000, NOW - 1_000, NOW]);
      expect(Object.keys(s.journeys[id])).not.toContain("lastExposedAt");
    }
  });

  it("starts the times of a capped journey from none, and counts no holdout exposure", () => {
    const fresh = stateFrom({ journeys: { daily: {}, plain: {} } });
    const { recentExposures: _a, lastExposedAt: _b, ...bare } = fresh.journeys.daily;
    const state = { ...fresh, journeys: { daily: bare, plain: { ...bare } } };
    const s = recordExposures(state, rules, shown("daily", "plain~holdout"), NOW);
    expect(s.journeys.daily.recentExposures).toEqual([NOW]);
    expect(s.journeys.plain).toBe(state.journeys.plain);
  });

  it("an uncapped journey shown on every page keeps a state of constant size", () => {
    let s = stateFrom({ journeys: { plain: {} } });
    s = recordExposures(s, rules, shown("plain"), NOW);
    const size = JSON.stringify(s).length;
    for (let i = 1; i <= 1_000; i++) s = recordExposures(s, rules, shown("plain"), NOW + i);
    expect(s.journeys.plain.exposures).toBe(1_001);
    expect(JSON.stringify(s).length).toBeLessThanOrEqual(size + 3);
  });
});
