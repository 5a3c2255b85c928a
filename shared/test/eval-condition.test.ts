import { describe, expect, it } from "vitest";
import type { Condition } from "../src/schemas/condition.ts";
import type { RequestContext } from "../src/schemas/context.ts";
import { evalCondition } from "../src/engine/eval-condition.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/conditions.json";
import { T0, ctxFrom, journeyStateFrom, offsetMs, resolveTimes, stateFrom } from "./support/fixtures.ts";

interface ConditionInput {
  cond: Condition;
  /** Partial request; null = no request (alarm, server-side event). */
  ctx?: Partial<RequestContext> | null;
  state?: Record<string, unknown>;
  journeyState?: Record<string, unknown>;
  now?: string;
  /** Saved audiences by id (CompiledRuleset.audiences). */
  audiences?: Record<string, Condition[]>;
}

describe("evalCondition", () => {
  it.each(rows<ConditionInput, { ok: boolean; detail?: string }>(table))("$name", ({ input, expected }) => {
    const r = evalCondition(input.cond, {
      ctx: input.ctx === null ? undefined : ctxFrom(input.ctx ?? {}),
      state: stateFrom(input.state),
      journeyState: input.journeyState ? journeyStateFrom(resolveTimes(input.journeyState)) : undefined,
      now: T0 + offsetMs(input.now),
      audiences: input.audiences && new Map(Object.entries(input.audiences)),
    });
    expect(r.ok).toBe(expected.ok);
    if (expected.detail !== undefined) expect(r.detail).toBe(expected.detail);
    expect(r.detail.length).toBeGreaterThan(0);
  });
});
