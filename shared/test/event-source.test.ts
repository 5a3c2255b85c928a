import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { eventBatch } from "../src/engine/visit.ts";
import type { VisitorEvent } from "../src/schemas/event.ts";

// Issue 12 item 7: traits (which `trait` conditions and {{traits.*}} trust) come from the backend only.
const T0 = Date.UTC(2026, 0, 1);
const rules = compileRuleset({
  version: 1,
  journeys: [
    {
      id: "vip",
      name: "VIP",
      stages: [{ id: "in" }, { id: "vip" }],
      start: "in",
      transitions: [{ from: "in", to: "vip", on: "page_seen", when: [{ type: "trait", name: "tier", equals: "vip" }] }],
    },
  ],
});

const claims: VisitorEvent[] = [
  { type: "traits", data: { tier: "vip", email: "victim@example.com" } },
  { type: "identify", data: { customerId: "c-42", tier: "vip" } },
  { type: "page_seen" },
];

describe("eventBatch: who may set traits", () => {
  it.each([
    ["browser", {}, null, "in"],
    ["server", { tier: "vip", email: "victim@example.com" }, "c-42", "vip"],
  ] as const)("events from the %s", (source, traits, customerId, stage) => {
    const v = eventBatch(newVisitorState("v-source", T0), rules, claims, { now: T0, source });
    expect(v.state.traits).toEqual(traits);
    expect(v.state.customerId ?? null).toBe(customerId);
    expect(v.state.journeys.vip?.stage).toBe(stage);
    // Still events of the visitor: counted and logged either way.
    expect(v.logged.map((e) => e.type)).toEqual(["traits", "identify", "page_seen"]);
  });

  it("trusts the backend when no source is named (ingest API, simulators)", () => {
    const v = eventBatch(newVisitorState("v-source", T0), rules, claims.slice(0, 1), { now: T0 });
    expect(v.state.traits).toMatchObject({ tier: "vip" });
  });
});
