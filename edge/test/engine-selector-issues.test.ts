// Issue 15: the API checks selectors with the same engine that streams the pages (HTMLRewriter refuses them at
// `.on()`), behind the shared checker: a selector the engine cannot run never reaches a page.
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { describe, expect, it } from "vitest";
import { engineSelectorIssues } from "../src/rewrite/engine-selector-issues.ts";

const journey = (actions: unknown[], track: unknown[] = []) => ({ actions, track }) as unknown as Journey;

describe("engineSelectorIssues (workerd's HTMLRewriter)", () => {
  it("finds nothing wrong with selectors the engine runs", () => {
    const j = journey(
      [
        { type: "hide", selector: "main > p.promo:nth-child(2)" },
        { type: "redirect", url: "/x" },
        { type: "nudge", html: "<p>hi</p>" },
      ],
      [
        { on: "click", selector: "[data-testid=buy]", event: "buy" },
        { on: "view", url: "/x", event: "v" },
      ],
    );
    expect(engineSelectorIssues(j)).toEqual([]);
  });

  it.each([
    ["div[", ["actions", 0, "selector"]],
    ["h1 + p", ["actions", 0, "selector"]],
    ["a:hover", ["actions", 0, "selector"]],
  ])("refuses %s at its path, in the engine's words", (selector, path) => {
    const issues = engineSelectorIssues(journey([{ type: "remove", selector }]));
    expect(issues).toEqual([
      { path, message: expect.stringMatching(/^the page rewriter cannot run this selector \(.+\)$/) },
    ]);
  });

  it("checks click tracking rules too", () => {
    const issues = engineSelectorIssues(journey([], [{ on: "click", selector: "li ~ li", event: "x" }]));
    expect(issues.map((i) => i.path)).toEqual([["track", 0, "selector"]]);
  });
});
