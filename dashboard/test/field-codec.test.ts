import { describe, expect, it } from "vitest";
import { checkedIds, displayText, fromChecked, fromInput, toInput, type FieldKind } from "../src/lib/field-spec.ts";
import rows from "./cases/field-codec.json";

describe("form text -> journey JSON", () => {
  it.each(rows as [FieldKind, string, boolean, unknown][])(
    "%s %j (required %s) -> %j",
    (kind, text, required, expected) => {
      expect(fromInput(kind, text, undefined, required) ?? null).toEqual(expected);
    },
  );

  it("a select gives back the option's own type (302 stays a number)", () => {
    expect(fromInput("select", "302", [302, 307])).toBe(302);
    expect(fromInput("select", "prepend", ["before", "prepend"])).toBe("prepend");
  });

  it.each([
    ["oneOrList", ["/a", "/b"], "/a, /b"],
    ["list", ["DE"], "DE"],
    ["int", 3, "3"],
    ["bool", true, "true"],
    ["text", { odd: 1 }, '{"odd":1}'],
    ["text", undefined, ""],
  ] as [FieldKind, unknown, string][])("%s %j shows as %j", (kind, value, text) => {
    expect(toInput(kind, value)).toBe(text);
  });
});

describe("typing is not eaten by the codec", () => {
  it.each([
    ["list", "DE,", ["DE"]],
    ["oneOrList", "/a, ", "/a"],
    ["number", "0.", 0],
    ["text", "abc ", "abc"],
  ] as [FieldKind, string, unknown][])("%s: keeps %j while it still means %j", (kind, typed, value) => {
    expect(displayText(kind, typed, value)).toBe(typed);
  });

  it("shows the stored value when it changed elsewhere (e.g. the JSON view)", () => {
    expect(displayText("list", "DE,", ["FR", "US"])).toBe("FR, US");
    expect(displayText("int", null, 5)).toBe("5");
  });
});

describe("one-or-list checkboxes", () => {
  it.each([
    [[], undefined],
    [["a"], "a"],
    [
      ["a", "b"],
      ["a", "b"],
    ],
  ] as [string[], unknown][])("%j -> %j and back", (ids, value) => {
    expect(fromChecked(ids)).toEqual(value);
    expect(checkedIds(value)).toEqual(ids);
  });
});
