import { describe, expect, it } from "vitest";
import {
  audienceGraphIssues,
  audienceRefs,
  audienceUsers,
  rulesetAudienceIssues,
} from "../src/engine/audience-refs.ts";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { Audience } from "../src/schemas/audience.ts";
import { Ruleset } from "../src/schemas/ruleset.ts";

const aud = (id: string, ...uses: string[]): Audience => ({
  id,
  name: id,
  conditions: uses.length ? uses.map((u) => ({ type: "audience", id: u })) : [{ type: "visits", gte: 2 }],
});

describe("audience references", () => {
  it("finds references anywhere in a journey, with paths", () => {
    const j = {
      id: "j",
      when: [
        {
          type: "any",
          conditions: [
            { type: "device", is: "mobile" },
            { type: "audience", id: "paid" },
          ],
        },
      ],
      actions: [{ type: "insert", when: [{ type: "audience", id: "returning", not: true }] }],
    };
    expect(audienceRefs(j)).toEqual([
      { id: "paid", path: ["when", 0, "conditions", 1] },
      { id: "returning", path: ["actions", 0, "when", 0] },
    ]);
  });

  it("refuses an audience using itself, a circle, and chains deeper than 3", () => {
    expect(audienceGraphIssues([aud("a", "a")]).map((i) => [i.audience, i.message])).toEqual([
      ["a", 'audience "a" cannot use itself'],
    ]);
    const circle = audienceGraphIssues([aud("a", "b"), aud("b", "c"), aud("c", "a")]);
    expect(circle[0]).toMatchObject({ path: ["conditions", 0, "id"] });
    expect(circle[0].message).toMatch(/in a circle \(a → b → c → a\)/);
    expect(audienceGraphIssues([aud("a", "b"), aud("b", "c"), aud("c")])).toEqual([]);
    const deep = audienceGraphIssues([aud("a", "b"), aud("b", "c"), aud("c", "d"), aud("d")]);
    expect(deep.map((i) => i.message)).toEqual(["audiences may use each other at most 3 deep (a → b → c → d)"]);
  });

  it("names unknown audiences at their paths from the ruleset, and who uses an audience", () => {
    const journeys = [
      { id: "j1", when: [{ type: "audience", id: "paid" }] },
      { id: "j2", when: [{ type: "audience", id: "gone" }] },
    ];
    const audiences = [aud("paid"), aud("mix", "paid", "nope")];
    expect(rulesetAudienceIssues(journeys, audiences)).toEqual([
      { path: ["journeys", "j2", "when", 0, "id"], message: 'there is no saved audience "gone"' },
      { path: ["audiences", "mix", "conditions", 1, "id"], message: 'there is no saved audience "nope"' },
    ]);
    expect(audienceUsers("paid", journeys, audiences)).toEqual({ journeys: ["j1"], audiences: ["mix"] });
  });

  it("compiles a ruleset's audiences into a map; older versions without audiences parse", () => {
    const old = Ruleset.parse({ version: 3, publishedAt: 0, journeys: [] });
    expect(old.audiences).toEqual([]);
    const rules = compileRuleset({ version: 4, journeys: [], audiences: [aud("paid"), { id: "bad", name: "" }] });
    expect([...rules.audiences.keys()]).toEqual(["paid"]);
    expect(rules.skipped.map((s) => s.id)).toEqual(["audience:bad"]);
  });
});
