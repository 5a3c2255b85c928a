import type { DiffResponse } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { diffModel, diffSummary, showValue } from "../src/lib/diff-model.ts";
import { diffPointers, getPointer } from "../src/lib/json-pointer.ts";
import cases from "./cases/diff-model.json";

describe("diff model", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const m = diffModel(c.diff as DiffResponse);
    expect(m.map((j) => [j.id, j.change, j.name, j.rows.map((r) => [r.pointer, r.before, r.after])])).toEqual(c.expect);
    expect(diffSummary(m)).toBe(c.summary);
  });

  it("shortens long values", () => {
    const v = showValue("x".repeat(1000))!;
    expect(v.length).toBe(400);
    expect(v.endsWith("…")).toBe(true);
  });
});

describe("JSON pointers", () => {
  it("resolves escaped segments", () => {
    expect(getPointer({ "a/b": { "c~d": [5] } }, "/a~1b/c~0d/0")).toBe(5);
    expect(getPointer({ a: 1 }, "/a/b")).toBeUndefined();
    expect(getPointer(7, "")).toBe(7);
  });
  it("finds differing leaves, and names a key needing escapes correctly", () => {
    expect(diffPointers({ a: [1, 2], "x/y": 1 }, { a: [1, 3], "x/y": 2 })).toEqual(["/a/1", "/x~1y"]);
    expect(diffPointers({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
