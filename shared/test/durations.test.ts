import { describe, expect, it } from "vitest";
import { Duration, parseDuration } from "../src/schemas/duration.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/durations.json";

describe("durations", () => {
  it.each(rows<string, number | "error">(table))("$name", ({ input, expected }) => {
    if (expected === "error") {
      expect(() => parseDuration(input)).toThrow();
      expect(Duration.safeParse(input).success).toBe(false);
    } else {
      expect(parseDuration(input)).toBe(expected);
      expect(Duration.safeParse(input).success).toBe(true);
    }
  });
});
