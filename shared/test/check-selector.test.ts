import { describe, expect, it } from "vitest";
import { checkSelector } from "../src/selectors/check-selector.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/selectors.json";

// The same table runs in workerd against the real HTMLRewriter (edge/test/selectors-workerd.test.ts): the ground truth.
describe("checkSelector", () => {
  it.each(rows<string, { ok: boolean; mentions?: string }>(table))("$name", ({ input, expected }) => {
    const result = checkSelector(input);
    expect(result.ok).toBe(expected.ok);
    if (!result.ok && expected.mentions !== undefined) expect(result.message).toContain(expected.mentions);
  });

  it("refuses deep nesting before recursing, and reads long input without overflowing the stack", () => {
    expect(checkSelector("a:not(".repeat(2_000))).toMatchObject({ ok: false, message: expect.stringContaining("16") });
    expect(checkSelector("[".repeat(2_000))).toMatchObject({ ok: false, message: expect.stringContaining("16") });
    expect(checkSelector("div ".repeat(25_000)).ok).toBe(true);
    expect(checkSelector("div > ".repeat(25_000)).ok).toBe(false);
  });
});
