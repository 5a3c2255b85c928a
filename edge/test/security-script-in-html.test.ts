// The check that keeps script out of marketer HTML (journeys without allowScripts), from a case table of real
// XSS vectors (incl. the comment, raw-text, CDATA and foreign-content tricks of issue 12) and ordinary marketing copy
// that must not raise false alarms, plus a property: escaped text is never flagged; and input built to make the scan
// quadratic is answered quickly. The same table runs in Chromium (e2e/script-in-html.e2e.ts); the check is
// cross-checked against parse5 in fuzz-script-in-html.test.ts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import { scriptInHtml } from "@waymark/shared/schemas/script-in-html.ts";
import cases from "./security-script-in-html.cases.json";
import { fuzzRuns } from "./support/misbehaving-origin-client.ts";

describe("scriptInHtml", () => {
  it.each(cases)("$html -> unsafe: $unsafe", ({ html, unsafe }) => {
    expect(scriptInHtml(html) !== null).toBe(unsafe);
  });

  it("never flags escaped text, and never throws on any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(scriptInHtml(escapeHtml(s))).toBeNull();
        scriptInHtml(s);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it.each([
    ["<a '", ""],
    ['<a x="', ">"],
    ["<b ", ">"],
    ["</a ", ">"],
    ["<a<b", ">"],
    ["<!--", "-->"],
    ["<textarea>", "</textarea>"],
    ["<svg>", "</svg>"],
    ["<![CDATA[", "]]>"],
  ])("answers 20,000 characters of %j quickly", (unit, tail) => {
    const html = unit.repeat(Math.floor((20_000 - tail.length) / unit.length)) + tail;
    const start = performance.now();
    scriptInHtml(html);
    // Linear work is a few ms; a quadratic scan of this input takes seconds.
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
