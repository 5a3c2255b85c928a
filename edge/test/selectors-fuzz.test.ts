// Property: on any selector built from the pieces selectors are made of, the pure checker (shared/src/selectors)
// and workerd's real HTMLRewriter agree, except where the checker refuses on purpose what lol-html accepts but
// matches unlike CSS (:not() of more than one simple selector: edge/test/selectors-workerd.test.ts shows why).
// `npm run fuzz` runs it with FUZZ_RUNS.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSelector } from "@waymark/shared/selectors/check-selector.ts";
import { fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";

function rewriterAccepts(selector: string): boolean {
  try {
    new HTMLRewriter().on(selector, { element() {} });
    return true;
  } catch {
    return false;
  }
}

const PIECES = [
  "div",
  "a",
  "li",
  "*",
  "x-y",
  "-a",
  "--b",
  "_c",
  "é",
  "1",
  "2n",
  "+",
  "-",
  "n",
  "odd",
  " ",
  "  ",
  ">",
  "~",
  ",",
  ".",
  "#",
  "#id",
  ".cls",
  "[",
  "]",
  "=",
  "~=",
  "|=",
  "^=",
  "$=",
  "*=",
  "|",
  '"v"',
  "'w'",
  '"',
  "i",
  "s",
  ":",
  "::",
  "(",
  ")",
  ":not(",
  ":first-child",
  ":first-of-type",
  ":nth-child(",
  ":nth-of-type(",
  ":last-child",
  ":hover",
  ":is(",
  ":has(",
  "::before",
  "/**/",
  "\\",
  "\\31 ",
  "@",
  "!",
  "%",
  "{",
  "}",
  "\t",
  "\n",
  "of",
];

describe("checkSelector against workerd's HTMLRewriter, any selector", () => {
  it(
    "agrees, or refuses only a :not() lol-html would run unlike CSS",
    () => {
      const selector = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => p.join(""));
      fc.assert(
        fc.property(selector, (s) => {
          const check = checkSelector(s);
          const engine = rewriterAccepts(s);
          if (check.ok) expect(engine, `checker accepts what the rewriter refuses: ${JSON.stringify(s)}`).toBe(true);
          else if (engine)
            expect(check.message, `checker refuses what the rewriter runs: ${JSON.stringify(s)}`).toContain(
              "inside :not()",
            );
        }),
        { numRuns: fuzzRuns(3_000) },
      );
    },
    fuzzTimeout(3_000, 5),
  );
});
