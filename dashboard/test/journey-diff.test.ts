import { describe, expect, it } from "vitest";
import { plainValue } from "../src/lib/diff-labels.ts";
import { changeCount, journeyDiffSections } from "../src/lib/journey-diff.ts";
import { diffLines, wordDiff, type DiffSpan } from "../src/lib/word-diff.ts";
import cases from "./cases/journey-diff.json";
import wordCases from "./cases/word-diff.json";

describe("readable journey diff", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const sections = journeyDiffSections(c.before, c.after);
    const rows = sections.flatMap((s) =>
      s.items.map((i) => [s.id, i.label, i.change, i.fields.map((f) => [f.key, f.before, f.after])]),
    );
    expect(rows).toEqual(c.expect);
  });

  it("shows an action's HTML and text as rendered (html/text kinds), a nudge with its titles", () => {
    const nudge = { id: "n", type: "nudge", html: "<p>a</p>", title: "Old" };
    const [s] = journeyDiffSections(
      { id: "j", actions: [nudge, { id: "r", type: "replace", selector: "h1", text: "A" }] },
      {
        id: "j",
        actions: [
          { ...nudge, html: "<p>b</p>", title: "New" },
          { id: "r", type: "replace", selector: "h1", text: "B" },
        ],
      },
    );
    expect(s.items.map((i) => [i.preview, i.fields.map((f) => [f.key, f.kind])])).toEqual([
      [
        { kind: "nudge", titleBefore: "Old", titleAfter: "New" },
        [
          ["html", "html"],
          ["title", "plain"],
        ],
      ],
      [{ kind: "page" }, [["text", "text"]]],
    ]);
    expect(changeCount(journeyDiffSections({ id: "j", actions: [nudge] }, { id: "j", actions: [] }))).toBe(1);
  });

  it("plain values: absent is null, null is 'none', objects indented", () => {
    expect(plainValue("x", undefined)).toBeNull();
    expect(plainValue("x", null)).toBe("none");
    expect(plainValue("caps", { perDay: 1 })).toBe('{\n  "perDay": 1\n}');
    expect(plainValue("holdout", 0.125)).toBe("12.5%");
  });
});

const show = (spans: DiffSpan[]) => spans.map((s) => (s.changed ? `[${s.text}]` : s.text));

describe("word diff", () => {
  it.each(wordCases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const d = wordDiff(c.before, c.after);
    expect([show(d.before), show(d.after)]).toEqual(c.expect);
    // Each side's spans spell its text back exactly.
    expect(d.before.map((s) => s.text).join("")).toBe(c.before);
    expect(d.after.map((s) => s.text).join("")).toBe(c.after);
  });

  it("lines: the lines holding a change are flagged, the others not", () => {
    const d = wordDiff("<ul>\n<li>A</li>\n<li>B</li>\n</ul>", "<ul>\n<li>A</li>\n<li>C</li>\n</ul>");
    expect(diffLines(d.after).map((l) => l.changed)).toEqual([false, false, true, false]);
    expect(diffLines(d.after)[2].spans.map((s) => [s.text, s.changed])).toEqual([
      ["<li>", false],
      ["C", true],
      ["</li>", false],
    ]);
  });

  it("very long texts fall back to marking the differing middle, without hanging", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(" ");
    const d = wordDiff(`start ${a} end`, `start ${b} end`);
    expect(show(d.after)).toEqual(["start ", `[${b}]`, " end"]);
  });
});
