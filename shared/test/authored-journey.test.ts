// Issue 13: `{{cart.nonsense}}` rendered as nothing without a warning. Authoring now refuses unknown template values,
// with the list of known ones; stored versions are read with the structural schema, so nothing live is turned off.
import { describe, expect, it } from "vitest";
import { AuthoredJourney } from "../src/authoring/authored-journey.ts";
import { isTemplateKey, templateKeys } from "../src/authoring/template-keys.ts";
import { Journey } from "../src/schemas/journey.ts";

const journey = (action: Record<string, unknown>) => ({
  id: "j",
  name: "J",
  stages: [{ id: "s" }],
  start: "s",
  actions: [action],
});
const insert = (html: string) => journey({ type: "insert", selector: "body", html });

describe("isTemplateKey", () => {
  it.each([
    ["cart.count", true],
    ["cart.lastItem.name", true],
    ["visitor.visits", true],
    ["traits.tier", true],
    ["scores.interest.shoes", true],
    ["traits.", false],
    ["cart.nonsense", false],
    ["cart", false],
    ["scores.interest.", false],
  ])("%s -> %s", (key, ok) => expect(isTemplateKey(key)).toBe(ok));

  it("lists the open names as patterns", () => {
    expect(templateKeys()).toEqual(
      expect.arrayContaining(["cart.count", "traits.<name>", "scores.interest.<category>"]),
    );
  });
});

describe("AuthoredJourney: template values", () => {
  it.each([
    ["a known value", "<p>{{cart.count}}</p>"],
    ["a default", '<p>Hi {{traits.name | "there"}}</p>'],
    ["a plural", '<p>{{cart.count | plural: "item", "items"}}</p>'],
    ["no placeholders", "<p>Hello</p>"],
  ])("accepts %s", (_name, html) => {
    expect(AuthoredJourney.safeParse(insert(html)).success).toBe(true);
  });

  it("refuses an unknown value at the field, naming it and listing the known ones", () => {
    const r = AuthoredJourney.safeParse(insert("<p>{{cart.nonsense}} and {{cart.count}}</p>"));
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0];
    expect(issue.path).toEqual(["actions", 0, "html"]);
    expect(issue.message).toMatch(/^unknown template value \{\{cart\.nonsense\}\}: use one of cart\.count, /);
    expect(issue.message).toContain("traits.<name>");
  });

  it.each([
    ["text", { type: "replace", selector: "h1", text: "{{nope}}" }],
    ["title", { type: "nudge", html: "<p>x</p>", title: "{{nope}}" }],
    ["value", { type: "set_attribute", selector: "a", name: "title", value: "{{nope}}" }],
  ])("checks the %s field too", (field, action) => {
    const r = AuthoredJourney.safeParse(journey(action));
    expect(r.error?.issues.map((i) => i.path)).toEqual([["actions", 0, field]]);
  });

  it("an unknown value with a default is still refused (it would always show the default)", () => {
    expect(AuthoredJourney.safeParse(insert('{{cart.nonsense | "x"}}')).success).toBe(false);
  });

  it("stored versions are read with the structural schema: an old journey with an unknown value still parses", () => {
    expect(Journey.safeParse(insert("<p>{{cart.nonsense}}</p>")).success).toBe(true);
  });
});
