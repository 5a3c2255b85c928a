import type { AppliedAction, JourneyTrace, SelectorTestResult } from "@waymark/shared";
import { withPageMatches } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { measurePageMatches } from "../src/lib/measure-page-matches.ts";
import { selectorTestText } from "../src/lib/selector-test-text.ts";

describe("Test on a page: what the control says", () => {
  it.each<[SelectorTestResult, "ok" | "warn" | "bad", string]>([
    [{ supported: true, matches: 3, status: 200 }, "ok", "3 elements match on /p."],
    [{ supported: true, matches: 1, status: 200 }, "ok", "1 element match on /p."],
    [{ supported: true, matches: 0, status: 200 }, "warn", "No element matches on /p"],
    [{ supported: true, matches: null, status: 404, message: "the page answered HTTP 404" }, "warn", "HTTP 404"],
    [{ supported: false, matches: null, message: 'the "+" (next sibling) combinator' }, "bad", '"+"'],
  ])("%j", (r, tone, text) => {
    const line = selectorTestText(r, "/p");
    expect(line.tone).toBe(tone);
    expect(line.text).toContain(text);
  });
});

describe("the simulator's trace measured on the real page", () => {
  const applied = (actionId: string, selector: string): AppliedAction => ({
    journey: "j",
    stage: "s",
    branch: "b",
    actionId,
    slot: actionId,
    action: { type: "hide", selector },
  });
  const answers: Record<string, SelectorTestResult> = {
    "#three": { supported: true, matches: 3, status: 200 },
    ".none": { supported: true, matches: 0, status: 200 },
    "#unread": { supported: true, matches: null, status: 500, message: "the page answered HTTP 500" },
  };

  it("one request per selector; unread pages stay unmeasured; the trace says matched N or no_match", async () => {
    const asked: string[] = [];
    const actions = [applied("a", "#three"), applied("b", ".none"), applied("c", "#three"), applied("d", "#unread")];
    const nudge: AppliedAction = { ...applied("n", "x"), action: { type: "nudge", html: "hi", placement: "top" } };
    const matches = await measurePageMatches([...actions, nudge], "/cart", async (req) => {
      asked.push(`${req.url} ${req.selector}`);
      return answers[req.selector];
    });
    expect(asked).toEqual(["/cart #three", "/cart .none", "/cart #unread"]);
    expect({ ...matches.j }).toEqual({ a: 3, b: 0, c: 3 });

    const trace: JourneyTrace[] = [
      {
        journey: "j",
        priority: 1,
        stage: "s",
        branch: "b",
        holdout: false,
        status: "applied",
        checks: [],
        actions: ["a", "b", "d", "n"].map((id) => ({ id, type: "hide", status: "applied" as const })),
      },
    ];
    const pages = withPageMatches(trace, matches)[0].actions.map((a) => a.page);
    expect(pages).toEqual([{ matched: 3 }, "no_match", undefined, undefined]);
  });
});
