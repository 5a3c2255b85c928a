// The check that keeps script out of marketer HTML (journeys without allowScripts), from a case table of real
// XSS vectors and ordinary marketing copy that must not raise false alarms, plus a property: escaped text is never
// flagged.
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
});
