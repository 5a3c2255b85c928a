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

  it("answers at once for long and deeply nested input", () => {
    const t = performance.now();
    checkSelector("a:not(".repeat(2_000));
    checkSelector("div ".repeat(2_000));
    checkSelector("[".repeat(2_000));
    expect(performance.now() - t).toBeLessThan(200);
  });
});
