import { Journey } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { newJourneyDraft } from "../src/lib/journey-template.ts";
import { renameStage, stageIdIndex } from "../src/lib/rename-stage.ts";
import rows from "./cases/rename-stage.json";

type Draft = Record<string, unknown>;

describe("renaming a stage carries the new id to every reference", () => {
  it.each(rows as unknown as [string, Draft, number, string, Draft][])("%s", (_n, draft, index, to, expected) => {
    expect(renameStage(draft, index, to)).toEqual(expected);
  });

  it("the new-journey template stays valid after each of its stages is renamed", () => {
    let d = newJourneyDraft("t") as Draft;
    for (const [i, to] of ["start-here", "in-cart", "bought"].entries()) d = renameStage(d, i, to);
    const r = Journey.safeParse(d);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  it("recognises a stage id edit by its path", () => {
    expect(stageIdIndex(["stages", 2, "id"])).toBe(2);
    expect(stageIdIndex(["stages", 2, "name"])).toBeNull();
    expect(stageIdIndex(["branches", 0, "id"])).toBeNull();
  });
});
