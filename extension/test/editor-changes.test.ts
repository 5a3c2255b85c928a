import { describe, expect, it } from "vitest";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { abTestJourney, journeyIdFrom } from "../src/editor/ab-test-journey.ts";
import { applyChange, type DraftJourney } from "../src/editor/apply-change.ts";
import { EditorChange, type EditorChangeInput } from "../src/editor/editor-change.ts";
import { emptyHistory, record, redo, undo } from "../src/editor/edit-history.ts";
import { renderTemplate } from "../src/editor/templates.ts";

const target = { journey: "ab-hero", stage: "test", branch: "variant" };
const ctx = { path: "/pricing", thisPageOnly: true };
const page = [{ type: "path", glob: "/pricing" }];

function apply(j: DraftJourney, change: EditorChangeInput, c = ctx) {
  return applyChange(j, target, EditorChange.parse(change), c);
}
const base = () => abTestJourney({ id: "ab-hero", name: "A/B test: hero" });

describe("change -> action mapping (case table)", () => {
  const cases: [string, EditorChangeInput, unknown][] = [
    [
      "text, escaped",
      { kind: "text", selector: "h1", text: "Fish & <chips>" },
      { type: "replace", selector: "h1", text: "Fish &amp; &lt;chips&gt;" },
    ],
    [
      "inner HTML",
      { kind: "html", selector: "#x", html: "<b>Hi</b>" },
      { type: "replace", selector: "#x", html: "<b>Hi</b>" },
    ],
    [
      "insert",
      { kind: "insert", selector: "h1", position: "before", html: "<p>x</p>" },
      { type: "insert", selector: "h1", position: "before", html: "<p>x</p>" },
    ],
    ["hide", { kind: "hide", selector: ".promo" }, { type: "hide", selector: ".promo" }],
    ["remove", { kind: "remove", selector: ".promo" }, { type: "remove", selector: ".promo" }],
    [
      "attribute",
      { kind: "attribute", selector: "img.hero", name: "src", value: "/b.png" },
      { type: "set_attribute", selector: "img.hero", name: "src", value: "/b.png" },
    ],
    [
      "style (contract G)",
      { kind: "style", selector: "h1", css: "color: #b00" },
      { type: "style", selector: "h1", css: "color: #b00" },
    ],
    ["redirect", { kind: "redirect", url: "/pricing-b" }, { type: "redirect", url: "/pricing-b" }],
  ];
  it.each(cases)("%s", (_name, change, expected) => {
    const j = apply(base(), change);
    expect(j.actions).toEqual([{ ...(expected as object), id: "ed-1", stage: "test", branch: "variant", when: page }]);
  });

  it("a page change applies on every page when asked, a redirect never does (it always names its page)", () => {
    const all = { path: "/pricing", thisPageOnly: false };
    expect(apply(base(), { kind: "hide", selector: ".promo" }, all).actions![0]).not.toHaveProperty("when");
    expect(apply(base(), { kind: "redirect", url: "/b" }, all).actions![0]).toMatchObject({ when: page });
  });

  it("a path with glob characters is scoped by its literal prefix", () => {
    const j = apply(base(), { kind: "hide", selector: "p" }, { path: "/a*b", thisPageOnly: true });
    expect(j.actions![0]).toMatchObject({ when: [{ type: "path", glob: "/a**" }] });
  });

  it("editing the same element again replaces the editor's action; inserts and hand-written actions stack", () => {
    let j: DraftJourney = { ...base(), actions: [{ type: "replace", selector: "h1", text: "hand", id: "mine" }] };
    j = apply(j, { kind: "text", selector: "h1", text: "One" });
    j = apply(j, { kind: "text", selector: "h1", text: "Two" });
    j = apply(j, { kind: "attribute", selector: "a", name: "href", value: "/x" });
    j = apply(j, { kind: "attribute", selector: "a", name: "alt", value: "x" });
    j = apply(j, { kind: "attribute", selector: "a", name: "href", value: "/y" });
    j = apply(j, { kind: "insert", selector: "h1", position: "after", html: "<p>1</p>" });
    j = apply(j, { kind: "insert", selector: "h1", position: "after", html: "<p>2</p>" });
    expect(
      j.actions!.map((a) => [a.id, a.type, "text" in a ? a.text : "value" in a ? a.value : "html" in a ? a.html : ""]),
    ).toEqual([
      ["mine", "replace", "hand"],
      ["ed-1", "replace", "Two"],
      ["ed-2", "set_attribute", "/y"],
      ["ed-3", "set_attribute", "x"],
      ["ed-4", "insert", "<p>1</p>"],
      ["ed-5", "insert", "<p>2</p>"],
    ]);
  });

  it("a click rule goes to journey.track (contract E), the goal once, the input untouched", () => {
    const before = base();
    const once = apply(before, { kind: "track", selector: "a.cta", event: "cta_click", goal: true });
    const twice = apply(once, { kind: "track", selector: "a.cta", event: "cta_click", goal: true });
    expect(twice.track).toEqual([{ on: "click", selector: "a.cta", event: "cta_click", id: "ed-1" }]);
    expect(twice.goals).toEqual(["cta_click"]);
    expect(apply(before, { kind: "track", selector: "a", event: "tap" }).goals).toBeUndefined();
    expect(before.track).toBeUndefined();
    expect(before.actions).toEqual([]);
  });

  it("a view rule (viewing URLs like this counts as event X) goes to journey.track beside click rules", () => {
    let j = apply(base(), { kind: "track", selector: "a.cta", event: "cta_click" });
    j = apply(j, { kind: "view", url: "/pricing/**", event: "saw_pricing", goal: true });
    j = apply(j, { kind: "view", url: "/pricing/**", event: "saw_pricing" });
    expect(j.track).toEqual([
      { on: "click", selector: "a.cta", event: "cta_click", id: "ed-1" },
      { on: "view", url: "/pricing/**", event: "saw_pricing", id: "ed-2" },
    ]);
    expect(j.goals).toEqual(["saw_pricing"]);
    expect(Journey.safeParse(j).success).toBe(true);
  });

  it("refuses bad changes at the boundary (event names, attributes the editor does not offer)", () => {
    expect(EditorChange.safeParse({ kind: "track", selector: "a", event: "Click Me" }).success).toBe(false);
    expect(EditorChange.safeParse({ kind: "attribute", selector: "a", name: "onclick", value: "x" }).success).toBe(
      false,
    );
  });

  it("the A/B template with every kind of change is a valid journey for the shared schema", () => {
    let j = base();
    const changes: EditorChangeInput[] = [
      { kind: "text", selector: "h1", text: "New" },
      {
        kind: "insert",
        selector: "h1",
        position: "before",
        html: renderTemplate("banner", { text: "Sale", url: "/sale", event: "banner_click" }),
      },
      { kind: "hide", selector: ".promo" },
      { kind: "attribute", selector: "img", name: "alt", value: "A photo" },
      { kind: "track", selector: "a.cta", event: "cta_click", goal: true },
    ];
    for (const c of changes) j = apply(j, c);
    const parsed = Journey.safeParse(j);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(j).toMatchObject({
      stages: [{ id: "test" }],
      branches: [{ id: "control" }, { id: "variant" }],
      holdout: 0.1,
    });
  });

  it("journey ids from labels are slugs", () => {
    expect(journeyIdFrom("Hero headline (pricing)!")).toBe("ab-hero-headline-pricing");
    expect(journeyIdFrom("???")).toBe("ab-element");
  });
});

describe("templates", () => {
  it("escape every field for where it sits and never emit a script URL", () => {
    const html = renderTemplate("banner", {
      text: '<img src=x onerror="alert(1)">',
      detail: "a&b",
      url: "javascript:alert(1)",
      event: "promo_click",
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src&#61;x onerror&#61;&quot;alert(1)&quot;&gt;");
    expect(html).toContain('href="#"');
    expect(html).toContain('data-wm-track="promo_click"');
    expect(html).toContain("data-wm-dismiss");
  });

  it("the call-to-action button carries data-wm-track; the image its alt text", () => {
    expect(renderTemplate("cta", { text: "Buy", url: "/buy", event: "cta_click" })).toMatch(
      /^<a class="wm-editor-cta" href="\/buy" data-wm-track="cta_click" style="[^"]*">Buy<\/a>$/,
    );
    expect(renderTemplate("image", { text: "A hat", url: "https://cdn.example/h.png" })).toContain(
      'src="https://cdn.example/h.png" alt="A hat"',
    );
  });

  it("refuses colours that are not colours (they would be CSS injection) and events that are not event names", () => {
    expect(() => renderTemplate("notice", { text: "x", background: "red;position:fixed" })).toThrow(/colour/);
    expect(() => renderTemplate("cta", { text: "x", event: "Bad Event" })).toThrow(/snake_case/);
  });
});

describe("undo / redo history", () => {
  const a = base();
  const b = apply(a, { kind: "hide", selector: "p" });
  const c = apply(b, { kind: "remove", selector: "i" });

  it("undoes to the draft before each edit, back to deleting a journey the session created, and redoes", () => {
    let h = record(emptyHistory, { label: "create", journey: "ab-hero", before: null, after: a });
    h = record(h, { label: "hide", journey: "ab-hero", before: a, after: b });
    h = record(h, { label: "remove", journey: "ab-hero", before: b, after: c });
    const u1 = undo(h)!;
    expect(u1.restore).toEqual({ journey: "ab-hero", draft: b });
    const u2 = undo(u1.history)!;
    expect(u2.restore.draft).toBe(a);
    const u3 = undo(u2.history)!;
    expect(u3.restore.draft).toBeNull();
    expect(undo(u3.history)).toBeNull();
    const r1 = redo(u3.history)!;
    expect(r1.restore.draft).toBe(a);
    const r2 = redo(r1.history)!;
    expect(r2.restore.draft).toBe(b);
    expect(r2.history.done).toHaveLength(2);
    // A new edit after undoing drops what could be redone.
    const fresh = record(r2.history, { label: "x", journey: "ab-hero", before: b, after: c });
    expect(fresh.undone).toEqual([]);
    expect(redo(fresh)).toBeNull();
  });
});
