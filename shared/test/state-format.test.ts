import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VisitorState } from "../src/schemas/state.ts";
import { STATE_FORMAT } from "../src/schemas/state-format.ts";

/** FNV-1a (32-bit) of the schema's JSON Schema, as 8 hex digits. */
function fingerprint(schema: z.ZodType): string {
  const text = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: "any" }));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

describe("STATE_FORMAT: visitor objects trust rows of the current format only", () => {
  it("is the fingerprint of VisitorState (update it when the state's schema changes)", () => {
    expect(
      STATE_FORMAT,
      `VisitorState changed: set STATE_FORMAT in shared/src/schemas/state-format.ts to "${fingerprint(VisitorState)}"`,
    ).toBe(fingerprint(VisitorState));
  });

  it("changes when the schema does (a new field, a narrower type)", () => {
    const base = fingerprint(VisitorState);
    expect(fingerprint(VisitorState.extend({ extra: z.string().optional() }))).not.toBe(base);
    expect(fingerprint(VisitorState.extend({ visits: z.number().int().min(1) }))).not.toBe(base);
  });
});
