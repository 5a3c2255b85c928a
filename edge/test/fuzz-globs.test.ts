// Property-based fuzzing of glob matching (issue 12 item 5): the linear matcher answers as the old RegExp did on
// any short glob and path, and on worst-case globs against 48,000-character paths it reads each character once
// (a backtracking matcher re-reads them: the RegExp took 113 s on the glob). Counting reads, not time:
// workerd's clock does not advance while code runs. Wall-clock bounds: shared/test/match-glob.test.ts.
// `npm run fuzz` runs it with FUZZ_RUNS.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileGlob, matchGlob } from "@waymark/shared";
import { fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";
import { globOracle as oracle } from "../../shared/test/support/glob-oracle.ts";

/** A string that counts how many of its characters are read (the matcher reads only `length` and `charCodeAt`). */
function counted(s: string): { subject: string; reads: () => number } {
  let reads = 0;
  const subject = {
    length: s.length,
    charCodeAt(i: number) {
      reads++;
      return s.charCodeAt(i);
    },
  };
  return { subject: subject as unknown as string, reads: () => reads };
}

describe("globs, any glob and path", () => {
  it("match as the RegExp did on short inputs", () => {
    const glob = fc.string({ unit: fc.constantFrom("a", "b", "/", "*", "?", "-", "\n", "é"), maxLength: 14 });
    const path = fc.string({ unit: fc.constantFrom("a", "b", "/", "-", "\n", "é", "*"), maxLength: 20 });
    const fromGlob = glob.chain((g) =>
      fc.tuple(
        fc.constant(g),
        fc
          .array(fc.constantFrom("", "a", "/", "ab/", "b-"), { maxLength: 10 })
          .map((fill) => g.replace(/\*\*|\*|\?/g, () => fill.shift() ?? "é")),
      ),
    );
    fc.assert(
      fc.property(fc.oneof(fc.tuple(glob, path), fromGlob), ([g, p]) => {
        expect(matchGlob(g, p)).toBe(oracle(g, p));
      }),
      { numRuns: fuzzRuns(2_000) },
    );
  });

  it(
    "read each character of a 48,000-character path at most once, whatever the glob",
    () => {
      const piece = fc.constantFrom("**", "*", "?", "/", "a", "b", "category", "brand", "/**/", "*a*", "?/");
      const worstGlob = fc.array(piece, { minLength: 1, maxLength: 120 }).map((p) => p.join("").slice(0, 512));
      const unit = fc.constantFrom("a", "b", "/", "/category/brand", "ab/", "aaaa");
      const longPath = fc.array(unit, { minLength: 1, maxLength: 8 }).map((u) => {
        const block = u.join("");
        return block.repeat(Math.ceil(48_000 / block.length)).slice(0, 48_000);
      });
      fc.assert(
        fc.property(worstGlob, longPath, (g, p) => {
          const { subject, reads } = counted(p);
          const result = compileGlob(g).test(subject);
          expect(reads()).toBeLessThanOrEqual(p.length);
          expect(result).toBe(compileGlob(g).test(p));
          // A request path that long is never matched.
          expect(matchGlob(g, p)).toBe(false);
        }),
        { numRuns: fuzzRuns(60) },
      );
    },
    fuzzTimeout(60, 200),
  );

  it("read the issue's path once (it took the RegExp 113 s)", () => {
    const { subject, reads } = counted("/category/brand".repeat(3_200));
    expect(compileGlob("/**/category/**/brand/**/sale").test(subject)).toBe(false);
    expect(reads()).toBe(48_000);
  });
});
