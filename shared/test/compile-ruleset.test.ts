import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import table from "./cases/compile.json";
import { rows } from "./support/cases.ts";
import { journeyFrom } from "./support/fixtures.ts";

interface Expected {
  version?: number;
  order: string[];
  actions?: Record<string, { id: string; slot: string }[]>;
  journey?: Record<string, Record<string, unknown>>;
  /** Per journey: event type -> transition indexes, in list order. */
  byEvent?: Record<string, Record<string, number[]>>;
  /** Per journey: stage -> [transition index, afterMs] pairs. */
  afterByStage?: Record<string, Record<string, [number, number][]>>;
  skipped: string[];
}

describe("compileRuleset", () => {
  it.each(rows<{ version?: number; journeys: unknown[] }, Expected>(table))("$name", ({ input, expected }) => {
    const raw = { version: input.version ?? 1, journeys: input.journeys.map(journeyFrom) };
    const before = JSON.stringify(raw);
    const rules = compileRuleset(raw);
    expect(JSON.stringify(raw), "the input is not modified").toBe(before);
    if (expected.version !== undefined) expect(rules.version).toBe(expected.version);
    expect(rules.journeys.map((j) => j.id)).toEqual(expected.order);
    expect(rules.skipped.map((s) => s.id)).toEqual(expected.skipped);
    for (const s of rules.skipped) expect(s.message.length).toBeGreaterThan(0);
    for (const [id, actions] of Object.entries(expected.actions ?? {}))
      expect(rules.byId.get(id)!.actions.map((a) => ({ id: a.id, slot: a.slot }))).toEqual(actions);
    for (const [id, fields] of Object.entries(expected.journey ?? {})) expect(rules.byId.get(id)).toMatchObject(fields);
    for (const [id, byEvent] of Object.entries(expected.byEvent ?? {})) {
      const got = Object.fromEntries([...rules.byId.get(id)!.byEvent].map(([k, v]) => [k, v.map((t) => t.index)]));
      expect(got).toEqual(byEvent);
    }
    for (const [id, byStage] of Object.entries(expected.afterByStage ?? {})) {
      const got = Object.fromEntries(
        [...rules.byId.get(id)!.afterByStage].map(([k, v]) => [k, v.map((t) => [t.index, t.afterMs])]),
      );
      expect(got).toEqual(byStage);
    }
  });
});
