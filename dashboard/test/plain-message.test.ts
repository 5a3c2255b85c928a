import { AuthoredJourney } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { newJourneyDraft } from "../src/lib/journey-template.ts";
import { messageSpecAt, plainMessage, type MessageSpec, type RawIssue } from "../src/lib/plain-message.ts";
import rows from "./cases/plain-messages.json";

describe("form errors in plain words and in the form's units", () => {
  it.each(rows as [string, RawIssue, MessageSpec | null, string][])("%s", (_n, issue, spec, expected) => {
    expect(plainMessage(issue, spec ?? undefined)).toBe(expected);
  });

  it("the real schema's issues for a marketer's typical slips read plainly (no zod wording left)", () => {
    const draft = { ...newJourneyDraft("t"), name: "", holdout: 1.5, priority: 1.5, stages: [] };
    const r = AuthoredJourney.safeParse(draft);
    expect(r.success).toBe(false);
    const shown = r.error!.issues.map((i) => [
      i.path.join("."),
      plainMessage(i as RawIssue, messageSpecAt(i.path as (string | number)[])),
    ]);
    for (const [, m] of shown) expect(m).not.toMatch(/expected|Too small|Too big|Invalid/);
    expect(shown).toContainEqual(["name", "can't be empty"]);
    expect(shown).toContainEqual(["holdout", "must be between 0% and 100%"]);
    expect(shown).toContainEqual(["priority", "must be a whole number"]);
    expect(shown).toContainEqual(["stages", "needs at least one"]);
  });
});
