import { Journey } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { newAction } from "../src/lib/action-fields.ts";
import { newJourneyDraft } from "../src/lib/journey-template.ts";
import {
  addStage,
  addStageAction,
  addTransition,
  deleteEdge,
  deleteStage,
  stageActions,
  uniqueStageId,
  type Trigger,
} from "../src/lib/map-edits.ts";
import cases from "./cases/map-edits.json";

type Draft = Record<string, unknown>;

describe("journey map edits (pure, on the form's draft)", () => {
  it.each(cases.uniqueStageId as [string, Draft, string, string][])("unique stage id: %s", (_n, d, name, id) =>
    expect(uniqueStageId(d, name)).toBe(id),
  );
  it.each(cases.addStage as [string, Draft, string, Draft, string][])("add stage: %s", (_n, d, name, want, id) =>
    expect(addStage(d, name)).toEqual({ draft: want, id }),
  );
  it.each(cases.addTransition as unknown as [string, Draft, string, string, Trigger, Draft, number][])(
    "add transition: %s",
    (_n, d, from, to, trigger, want, index) =>
      expect(addTransition(d, from, to, trigger)).toEqual({ draft: want, index }),
  );
  it.each(cases.deleteEdge as unknown as [string, Draft, number, string, Draft][])(
    "delete arrow: %s",
    (_n, d, index, from, want) => expect(deleteEdge(d, index, from)).toEqual(want),
  );
  it.each(cases.deleteStage as unknown as [string, Draft, string, Draft, object][])(
    "delete stage: %s",
    (_n, d, id, want, removed) => expect(deleteStage(d, id)).toEqual({ draft: want, removed }),
  );
  it.each(cases.stageActions as unknown as [string, Draft, Record<string, number[]>][])(
    "actions of a stage: %s",
    (_n, d, want) => {
      for (const [id, idx] of Object.entries(want)) expect(stageActions(d, id), id).toEqual(idx);
    },
  );

  it("edits never mutate the draft they are given", () => {
    const d = newJourneyDraft("t") as Draft;
    const before = JSON.stringify(d);
    addStage(d, "x");
    addTransition(d, "visiting", "converted", { after: "1h" });
    deleteEdge(d, 0, "visiting");
    deleteStage(d, "engaged");
    addStageAction(d, "visiting", newAction("hide"));
    expect(JSON.stringify(d)).toBe(before);
  });

  it("a journey built and pruned on the map stays valid for the real schema", () => {
    let d = newJourneyDraft("t") as Draft;
    const valid = () => {
      const r = Journey.safeParse(d);
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    };
    const s = addStage(d, "Cart");
    d = s.draft;
    d = addTransition(d, "visiting", s.id, { on: "add_to_cart" }).draft;
    d = addTransition(d, s.id, "converted", { after: "2h" }).draft;
    d = addStageAction(d, s.id, newAction("nudge")).draft;
    valid();
    for (const id of ["engaged", "visiting", s.id]) {
      d = deleteStage(d, id).draft;
      valid();
    }
    expect(d.start).toBe("converted");
    d = deleteEdge(d, 0, "*");
    valid();
  });

  it("an action added to a stage applies in that stage only", () => {
    const d = newJourneyDraft("t") as Draft;
    const { draft, index } = addStageAction(d, "visiting", newAction("hide"));
    expect(index).toBe(1);
    expect(stageActions(draft, "visiting")).toEqual([1]);
    expect(stageActions(draft, "engaged")).toEqual([0]);
  });
});
