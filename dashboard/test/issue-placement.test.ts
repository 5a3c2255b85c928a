import { Journey } from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { describe, expect, it } from "vitest";
import { editorFieldOrder, editorFields } from "../src/lib/editor-fields.ts";
import { issueSummary, placeIssues } from "../src/lib/place-issues.ts";
import { setIn } from "../src/lib/set-in.ts";
import cases from "./cases/issue-placement.json";

const base = SEED_JOURNEYS.find((j) => j.id === "abandoned-cart")!;

/** The journey's issues as the editor places them: the real shared schema, the real field list. */
function placed(draft: unknown) {
  const r = Journey.safeParse(draft);
  const issues = r.success
    ? []
    : r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
  return placeIssues(issues, editorFields(draft));
}

describe("validation errors land at the field they concern", () => {
  it("the seed journey has none", () => {
    expect(placed(base).size).toBe(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const draft = setIn(base, c.patch[0] as (string | number)[], c.patch[1]);
    const got = placed(draft);
    for (const [key, fragment] of Object.entries(c.expect)) {
      expect([...got.keys()], `issue keys for ${key}`).toContain(key);
      expect(got.get(key)!.join(" | ")).toContain(fragment);
    }
    // Every field the issue lands on is one the form renders (or the form itself).
    const fields = editorFields(draft);
    for (const key of got.keys()) expect(key === "" || fields.has(key)).toBe(true);
  });
});

describe("placeIssues", () => {
  const fields = new Set(["stages", "stages.0", "stages.0.id"]);
  it("takes the deepest rendered field along the path", () => {
    const p = placeIssues([{ path: ["stages", 0, "id", "x"], message: "m" }], fields);
    expect([...p.entries()]).toEqual([["stages.0.id", ["m"]]]);
  });
  it("falls back to the form for paths outside every field", () => {
    const p = placeIssues([{ path: ["webhooks", 0, "url"], message: "bad url" }], fields);
    expect(p.get("")).toEqual(["bad url"]);
  });
  it("does not repeat a message at the same field", () => {
    const p = placeIssues(
      [
        { path: ["stages", 0], message: "same" },
        { path: ["stages", 0, "zzz"], message: "same" },
      ],
      fields,
    );
    expect(p.get("stages.0")).toEqual(["same"]);
  });
  it("orders the summary as the form shows its fields", () => {
    const draft = setIn(setIn(base, ["name"], ""), ["actions", 0, "selector"], "");
    const order = editorFieldOrder(draft);
    const r = Journey.safeParse(draft);
    expect(r.success).toBe(false);
    const issues = r.success
      ? []
      : r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
    const summary = issueSummary(placeIssues(issues, new Set(order)), order);
    expect(summary.map((s) => s.key)).toEqual(["name", "actions.0.selector"]);
  });
});
