import { describe, expect, it } from "vitest";
import { VisitorEvent } from "@waymark/shared";
import { backAndForth, pushPath } from "../src/beacon/core/back-and-forth.ts";
import { beaconSettings } from "../src/beacon/core/beacon-defaults.ts";
import { cleanEventData } from "../src/beacon/core/clean-event-data.ts";
import { rageClickDetector } from "../src/beacon/core/rage-clicks.ts";
import { retryDelay } from "../src/beacon/core/retry-delay.ts";
import { scrollThrashDetector } from "../src/beacon/core/scroll-thrash.ts";
import cases from "./beacon-core.cases.json";

// The beacon's pure decisions, from case tables; the browser wiring is covered by e2e/beacon.e2e.ts.
describe("rage clicks", () => {
  it.each(cases.rageClicks)("$name", ({ cfg, clicks, expected }) => {
    const detect = rageClickDetector(cfg[0], cfg[1], cfg[2]);
    expect(clicks.map(([x, y, t]) => detect(x, y, t))).toEqual(expected);
  });
});

describe("back-and-forth", () => {
  it.each(cases.backAndForth)("$name", ({ paths, switches, expected }) => {
    expect(backAndForth(paths, switches)).toEqual(expected);
  });
  it.each(cases.pushPath)("history: $name", ({ paths, path, expected }) => {
    expect(pushPath(paths, path)).toEqual(expected);
  });
});

describe("scroll thrashing", () => {
  it.each(cases.scrollThrash)("$name", ({ cfg, ys, expected }) => {
    const detect = scrollThrashDetector(cfg[0], cfg[1]);
    expect(ys.map(([y, t]) => detect(y, t))).toEqual(expected);
  });
});

describe("retry delay", () => {
  it.each(cases.retryDelay)("$name", (c) => {
    expect(retryDelay(c.attempt, c.retryAfter, "now" in c ? (c.now as number) : 0, c.random)).toBe(c.expected);
  });
});

describe("event data cleaning", () => {
  it.each(cases.cleanEventData)("$name", (c) => {
    const { input, expected } = c;
    const type = "type" in c ? c.type : "custom";
    const value = input && typeof input === "object" && "fn" in input ? { ...input, fn: () => 1 } : input;
    const data = cleanEventData(value);
    expect(data ?? null).toEqual(expected);
    // What the beacon sends is what the events endpoint accepts: one careless track() never costs a batch.
    expect(VisitorEvent.safeParse({ type, ...(data ? { data } : {}) }).error?.issues ?? []).toEqual([]);
  });
});

describe("beacon settings", () => {
  it.each(cases.beaconSettings)("$name", ({ config, expected }) => {
    expect(beaconSettings(config)).toEqual(expected);
  });
});
