import { describe, expect, it } from "vitest";
import type { AudienceRecord } from "@waymark/shared";
import { audienceChanges } from "../src/lib/audience-changes.ts";

const rec = (id: string, published: boolean, dirty: boolean): AudienceRecord => ({
  id,
  audience: { id, name: `Name ${id}`, conditions: [{ type: "visits", gte: 2 }] },
  published,
  dirty,
  updatedAt: 0,
  updatedBy: "t",
  publishedVersion: published ? 1 : null,
  usedBy: { journeys: [], audiences: [] },
});

describe("audienceChanges (the publish page's audience part)", () => {
  it("names new, edited and deleted audiences; unchanged ones are left out", () => {
    const live = {
      audiences: [
        rec("same", true, false).audience,
        rec("edited", true, true).audience,
        { id: "gone", name: "Gone", conditions: [{ type: "visits" as const, gte: 1 }] },
      ],
    };
    expect(
      audienceChanges([rec("same", true, false), rec("edited", true, true), rec("new", false, true)], live),
    ).toEqual([
      { id: "edited", name: "Name edited", change: "changed" },
      { id: "gone", name: "Gone", change: "removed" },
      { id: "new", name: "Name new", change: "added" },
    ]);
    expect(audienceChanges([rec("same", true, false)], null)).toEqual([]);
  });
});
