import { Journey } from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTION_TYPES, changeActionType, newAction } from "../src/lib/action-fields.ts";
import { branchShares } from "../src/lib/branch-shares.ts";
import { CONDITION_FIELDS, CONDITION_TYPES, newCondition } from "../src/lib/condition-fields.ts";
import { editorFields, formCanShow } from "../src/lib/editor-fields.ts";
import { journeyToJson, parseJourneyJson } from "../src/lib/journey-json.ts";
import { newJourneyDraft } from "../src/lib/journey-template.ts";
import { getIn, moved, setIn, without } from "../src/lib/set-in.ts";

const base = newJourneyDraft("t");

describe("starting points the editor offers are valid journeys", () => {
  it("the new-journey template", () => expect(Journey.safeParse(base).success).toBe(true));
  it.each(CONDITION_TYPES)("a new %s condition", (type) => {
    expect(Journey.safeParse({ ...base, when: [newCondition(type)] }).success).toBe(true);
  });
  it.each(ACTION_TYPES)("a new %s action", (type) => {
    expect(Journey.safeParse({ ...base, actions: [newAction(type)] }).success).toBe(true);
  });
  it.each(ACTION_TYPES)("changing an insert action to %s keeps its place in the journey and stays valid", (type) => {
    const from = { ...(newAction("insert") as Record<string, unknown>), id: "x", stage: "engaged", selector: "#hero" };
    const to = changeActionType(from, type) as Record<string, unknown>;
    expect(to.type).toBe(type);
    expect([to.id, to.stage]).toEqual(["x", "engaged"]);
    if (ACTION_FIELDS[type].some((f) => f.name === "selector")) expect(to.selector).toBe("#hero");
    expect(Journey.safeParse({ ...base, actions: [to] }).success).toBe(true);
  });
  it("every condition field the form shows is a key the schema knows", () => {
    for (const type of CONDITION_TYPES) {
      const sample = newCondition(type) as Record<string, unknown>;
      for (const f of CONDITION_FIELDS[type]) {
        // A select's probe is one of its options (an empty option stands for "absent").
        const select = f.options?.find((o) => o !== "");
        const fallback = { int: 1, number: 1, list: ["US"], devices: "mobile", select } as Record<string, unknown>;
        const duration = type === "in_stage_for" || type === "session";
        const probe = sample[f.name] ?? (duration && f.kind === "text" ? "1h" : (fallback[f.kind] ?? "x"));
        const r = Journey.safeParse({ ...base, when: [{ ...sample, [f.name]: probe }] });
        expect(r.success, `${type}.${f.name}`).toBe(true);
      }
    }
  });
});

describe("JSON view round-trips", () => {
  it.each(SEED_JOURNEYS.map((j) => [j.id, j] as const))("%s: text -> draft -> text is stable", (_id, j) => {
    const text = journeyToJson(j);
    const back = parseJourneyJson(text);
    expect(back).toEqual({ ok: true, value: j });
    expect(journeyToJson(back.ok ? back.value : null)).toBe(text);
  });
  it("reports a syntax error (with its line where the JSON parser gives a position)", () => {
    const r = parseJourneyJson('{\n  "id": "x",\n  "name": \n}');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^Not valid JSON/);
  });
  it.each(["[]", "null", "3", '"x"'])("refuses %s: a journey is an object", (text) =>
    expect(parseJourneyJson(text).ok).toBe(false),
  );
  it("the form takes over what the JSON view made, if it has the journey's shape", () => {
    expect(formCanShow(base)).toBe(true);
    expect(formCanShow({ ...base, stages: "a,b" })).toBe(false);
    expect(formCanShow({ ...base, actions: [null] })).toBe(false);
    expect(formCanShow({ ...base, caps: [] })).toBe(false);
    expect(formCanShow({ id: "bare" })).toBe(true);
  });
});

describe("editing helpers", () => {
  it("setIn copies only along the path and removes keys set to undefined", () => {
    const next = setIn(base, ["actions", 0, "html"], "<p>x</p>");
    expect(getIn(next, ["actions", 0, "html"])).toBe("<p>x</p>");
    expect(next.stages).toBe(base.stages);
    expect(getIn(base, ["actions", 0, "html"])).not.toBe("<p>x</p>");
    expect("holdout" in setIn(base, ["holdout"], undefined)).toBe(false);
    expect(setIn({}, ["caps", "perDay"], 2)).toEqual({ caps: { perDay: 2 } });
    expect(setIn({}, ["list", 0], "a")).toEqual({ list: ["a"] });
  });
  it("moves and removes list items", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, 5)).toEqual(["a", "b", "c"]);
    expect(without(["a"], 0, true)).toBeUndefined();
    expect(without(["a", "b"], 0)).toEqual(["b"]);
  });
  it("the field list covers the nested parts of the draft", () => {
    const f = editorFields({ ...base, when: [{ type: "any", conditions: [{ type: "path", glob: "/" }] }] });
    expect(f.has("when.0.conditions.0.glob")).toBe(true);
    expect(f.has("actions.0.html")).toBe(true);
    expect(f.has("actions.0.when")).toBe(true);
    expect(f.has("transitions.1.after")).toBe(true);
  });
  it.each([
    [[{ weight: 1 }, { weight: 3 }], 0.2, [0.2, 0.6]],
    [[{}, {}], undefined, [0.5, 0.5]],
    [[{ weight: 0 }], 0, [null]],
    [[{ weight: "x" }], 0, [null]],
  ])("branch shares %j with holdout %s -> %j", (branches, holdout, expected) => {
    const got = branchShares(branches, holdout).map((v) => (v === null ? null : Math.round(v * 1000) / 1000));
    expect(got).toEqual(expected);
  });
});
