import { describe, expect, it } from "vitest";
import { matchGlob } from "../src/engine/match-glob.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/globs.json";

describe("matchGlob", () => {
  it.each(rows<{ glob: string; path: string }, boolean>(table))("$name", ({ input, expected }) => {
    expect(matchGlob(input.glob, input.path)).toBe(expected);
  });
});
