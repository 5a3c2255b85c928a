import { describe, expect, it } from "vitest";
import { Action } from "../src/schemas/action.ts";
import { styleCssProblem } from "../src/schemas/style-css.ts";
import { rows } from "./support/cases.ts";
import table from "./cases/style-css.json";

// The style action's css: declarations only, nothing that breaks out of the attribute or runs script.
describe("style action css", () => {
  it.each(rows<string, { ok: boolean; mentions?: string }>(table))("$name", ({ input, expected }) => {
    const problem = styleCssProblem(input);
    expect(problem === null).toBe(expected.ok);
    if (problem !== null && expected.mentions) expect(problem).toContain(expected.mentions);
    const parsed = Action.safeParse({ type: "style", selector: "h1", css: input });
    expect(parsed.success).toBe(expected.ok);
    if (!parsed.success) expect(parsed.error.issues[0].path).toEqual(["css"]);
  });

  it("the selector of a style action is checked like any other", () => {
    const parsed = Action.safeParse({ type: "style", selector: "h1 + p", css: "color: red" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(["selector"]);
    expect(parsed.error!.issues[0].message).toContain('"+"');
  });
});
