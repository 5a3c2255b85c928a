import { describe, expect, it } from "vitest";
import { repairState } from "../src/engine/repair-state.ts";
import { VisitorState } from "../src/schemas/state.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/broken-states.json";

const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 + 86_400_000;
const paths = (n: number) => Array.from({ length: n }, (_, i) => `/p${i}`);

/** A valid stored state; each row breaks some of it. */
function stored(): VisitorState {
  const tee = { id: "b", name: "Tee", price: 20, quantity: 1, category: "apparel" };
  const journey = (stage: string, branch: string | null) => ({
    stage,
    stageSince: T0 + 100,
    enteredAt: T0,
    branch,
    holdout: branch === null,
    exposures: 2,
    lastExposedAt: T0 + 200,
    recentExposures: [],
    dismissedAt: null,
    completedAt: null,
    exitedAt: null,
    version: 3,
  });
  return {
    visitorId: "v-stored",
    createdAt: T0,
    lastSeenAt: T0 + 1_000,
    visits: 2,
    sessionStartedAt: T0 + 500,
    pageViews: 5,
    eventCount: 9,
    cart: {
      items: [{ id: "a", name: "Mug", price: 12.5, quantity: 2 }, tee],
      count: 3,
      value: 45,
      lastItem: tee,
      updatedAt: T0 + 900,
    },
    traits: { plan: "pro", n: 3 },
    scores: { engagement: 7.5, interests: { apparel: 2 }, updatedAt: T0 + 900 },
    journeys: { cart: journey("abandoned", "discount"), welcome: journey("greeted", null) },
    recentPaths: ["/", "/mug"],
    customerId: "c-1",
  };
}

/** "@now" is the repair time, "@25 paths" / "@last 20 paths" long path lists. */
function value(v: unknown): unknown {
  if (v === "@now") return NOW;
  if (v === "@25 paths") return paths(25);
  if (v === "@last 20 paths") return paths(25).slice(-20);
  return v;
}

function at(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function set(obj: Record<string, unknown>, path: string, v: unknown): void {
  const keys = path.split(".");
  const parent = at(obj, keys.slice(0, -1).join(".")) ?? obj;
  const target = (keys.length === 1 ? obj : parent) as Record<string, unknown>;
  if (v === "$delete") delete target[keys[keys.length - 1]];
  else target[keys[keys.length - 1]] = value(v);
}

type Row = { set?: Record<string, unknown>; raw?: unknown };
type Expected = { repaired: string[]; values?: Record<string, unknown> };

describe("repairState", () => {
  it.each(rows<Row, Expected>(table))("$name", ({ input, expected }) => {
    const base = stored();
    let raw: unknown = input.raw;
    if (input.set) {
      raw = structuredClone(base);
      for (const [path, v] of Object.entries(input.set)) set(raw as Record<string, unknown>, path, v);
    }
    const before = JSON.stringify(raw);
    const { state, repaired } = repairState(raw, "v-given", NOW);

    expect(repaired).toEqual(expected.repaired);
    expect(VisitorState.safeParse(state).success).toBe(true);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
    expect(JSON.stringify(raw)).toBe(before); // the input is not modified
    for (const [path, want] of Object.entries(expected.values ?? {})) {
      if (want === "$absent") expect(at(state, path), path).toBeUndefined();
      else expect(at(state, path), path).toEqual(value(want));
    }
    // Every top-level field with nothing repaired in it is kept exactly as stored (optional fields too: absent).
    if (input.set)
      for (const key of Object.keys(base) as (keyof VisitorState)[])
        if (!repaired.some((p) => p === key || p.startsWith(`${key}.`)))
          expect(state[key], key).toEqual((raw as VisitorState)[key]);
    // Repairing the repaired state changes nothing.
    expect(repairState(state, "v-given", NOW + 1)).toEqual({ state, repaired: [] });
  });
});
