import { describe, expect, it } from "vitest";
import { advanceTime } from "../src/engine/advance-time.ts";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { nextWakeAt } from "../src/engine/next-wake-at.ts";
import { T0, journeyFrom, stateFrom } from "./support/fixtures.ts";

const MIN = 60_000;

describe("nextWakeAt", () => {
  it("is the earliest due after transition across journeys", () => {
    const rules = compileRuleset({
      version: 1,
      journeys: [journeyFrom("@contract"), journeyFrom({ $extends: "contract", id: "other", holdout: 0 })],
    });
    const state = stateFrom({
      journeys: {
        "abandoned-cart": { stage: "carting", stageSince: T0 },
        other: { stage: "carting", stageSince: T0 - 10 * MIN },
      },
    });
    expect(nextWakeAt(state, rules)).toBe(T0 + 20 * MIN);
    expect(nextWakeAt(state, rules, T0 + 20 * MIN)).toBe(T0 + 30 * MIN);
    expect(nextWakeAt(state, rules, T0 + 30 * MIN)).toBeNull();
  });

  it("skips a due transition whose conditions failed, so an alarm does not loop", () => {
    const rules = compileRuleset({
      version: 1,
      journeys: [
        journeyFrom({
          $extends: "contract",
          transitions: [{ from: "carting", to: "abandoned", after: "30m", when: [{ type: "cart", minCount: 1 }] }],
        }),
      ],
    });
    const state = stateFrom({ journeys: { "abandoned-cart": { stage: "carting", stageSince: T0 } } });
    const now = T0 + 31 * MIN;
    const advanced = advanceTime(state, rules, now);
    expect(advanced.changes).toEqual([]);
    expect(nextWakeAt(advanced.state, rules)).toBe(T0 + 30 * MIN);
    expect(nextWakeAt(advanced.state, rules, now)).toBeNull();
  });

  it("waits for a re-entry cooldown before an exit stage's after transition", () => {
    const rules = compileRuleset({
      version: 1,
      journeys: [
        journeyFrom({
          $extends: "contract",
          reentry: { policy: "cooldown", cooldown: "1d" },
          transitions: [{ from: "purchased", to: "browsing", after: "1h" }],
        }),
      ],
    });
    const state = stateFrom({
      journeys: { "abandoned-cart": { stage: "purchased", stageSince: T0, exitedAt: T0 } },
    });
    expect(nextWakeAt(state, rules)).toBe(T0 + 24 * 60 * MIN);
    const early = advanceTime(state, rules, T0 + 2 * 60 * MIN);
    expect(early.changes).toEqual([]);
    const late = advanceTime(state, rules, T0 + 25 * 60 * MIN);
    expect(late.changes.map((c) => [c.from, c.to, c.at])).toEqual([["purchased", "browsing", T0 + 24 * 60 * MIN]]);
    expect(late.state.journeys["abandoned-cart"].exitedAt).toBeNull();
  });

  it("never wakes for a journey exited under the once policy, nor for paused journeys", () => {
    const once = compileRuleset({
      version: 1,
      journeys: [
        journeyFrom({
          $extends: "contract",
          reentry: { policy: "once" },
          transitions: [{ from: "purchased", to: "browsing", after: "1h" }],
        }),
      ],
    });
    const exited = stateFrom({ journeys: { "abandoned-cart": { stage: "purchased", exitedAt: T0 } } });
    expect(nextWakeAt(exited, once)).toBeNull();
    const paused = compileRuleset({ version: 1, journeys: [journeyFrom({ $extends: "contract", paused: true })] });
    const carting = stateFrom({ journeys: { "abandoned-cart": { stage: "carting" } } });
    expect(nextWakeAt(carting, paused)).toBeNull();
  });
});
