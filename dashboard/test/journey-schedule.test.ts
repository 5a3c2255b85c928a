import { describe, expect, it } from "vitest";
import { editorFieldOrder } from "../src/lib/editor-fields.ts";
import { fromLocalInput, runState, toLocalInput } from "../src/lib/journey-schedule.ts";
import { messageSpecAt, plainMessage } from "../src/lib/plain-message.ts";

const T = Date.parse("2026-12-24T08:00:00Z");
// Paris: UTC+1 in winter (getTimezoneOffset -60), UTC+2 in summer (-120) from 2026-03-29T01:00Z.
const paris = (t: number) =>
  t >= Date.parse("2026-03-29T01:00:00Z") && t < Date.parse("2026-10-25T01:00:00Z") ? -120 : -60;

describe("runState: the engine's rule (start inclusive, end exclusive)", () => {
  it.each([
    ["no schedule", {}, T, "running"],
    ["before the start", { start: "2026-12-24T09:00:00+01:00" }, T - 1, "scheduled"],
    ["at the start", { start: "2026-12-24T09:00:00+01:00" }, T, "running"],
    ["before the end", { end: "2026-12-24T08:00:00Z" }, T - 1, "running"],
    ["at the end", { end: "2026-12-24T08:00:00Z" }, T, "ended"],
    ["unreadable bounds are absent", { start: "soon" }, T, "running"],
  ])("%s", (_name, schedule, now, expected) => {
    expect(runState({ schedule }, now)).toBe(expected);
  });
});

describe("datetime-local <-> stored instant, in the browser's time zone", () => {
  it("09:00 in Paris in winter is 08:00Z, and back", () => {
    expect(fromLocalInput("2026-12-24T09:00", paris)).toBe("2026-12-24T08:00:00.000Z");
    expect(toLocalInput("2026-12-24T08:00:00.000Z", paris)).toBe("2026-12-24T09:00");
  });
  it("in summer the offset is the summer one", () => {
    expect(fromLocalInput("2026-07-01T09:00", paris)).toBe("2026-07-01T07:00:00.000Z");
    expect(toLocalInput("2026-07-01T07:00:00Z", paris)).toBe("2026-07-01T09:00");
  });
  it("an instant stored with another offset shows in local time", () => {
    expect(toLocalInput("2026-12-24T12:00:00-05:00", paris)).toBe("2026-12-24T18:00");
  });
  it("cleared is undefined; garbage is kept for the schema to name", () => {
    expect(fromLocalInput("", paris)).toBeUndefined();
    expect(fromLocalInput("tomorrow", paris)).toBe("tomorrow");
    expect(toLocalInput(undefined, paris)).toBe("");
  });
});

describe("the form places and words schedule, traffic and group issues", () => {
  it("renders fields for them, so their issues show at the field", () => {
    const order = editorFieldOrder({});
    for (const key of ["schedule.start", "schedule.end", "traffic", "group"]) expect(order).toContain(key);
  });
  it("says a traffic share out of range in percent", () => {
    const issue = { code: "too_big", message: "Too big: expected number to be <=1", origin: "number", maximum: 1 };
    expect(plainMessage(issue, messageSpecAt(["traffic"]))).toBe("must be between 0% and 100%");
  });
});
