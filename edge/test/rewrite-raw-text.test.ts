// Marketer HTML (or a rendered visitor value) put inside an element whose content is not read as HTML (issue 12
// follow-up A): inside <script> it runs as script, inside <style> it is CSS, inside <textarea>/<title> it is text
// the page shows, inside <template>/<noscript>/<iframe>/... it is inert or re-read later. The journey's HTML check
// judges HTML, so the edge does not apply an insert (prepend/append), a replace or a set_attribute on a <script>
// there: the element stays as the origin sent it. Through the real page path: published journey, Node origin.
import { beforeAll, describe, expect, it } from "vitest";
import type { JourneyInput } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";
import { freshVisitorId, getPage, manifestOf, originText } from "./support/edge.ts";
import { stripWaymark, untilLiveVersion } from "./support/misbehaving-origin-client.ts";
import { publishJourneys } from "./support/visitor-api.ts";

type PageAction = NonNullable<JourneyInput["actions"]>[number];

/** Refused: each puts content inside a raw-text, RCDATA, inert or endless element (or an attribute on a script). */
const REFUSED: PageAction[] = [
  { id: "script-text", type: "replace", selector: "#sc", text: "alert(1)" },
  { id: "script-append", type: "insert", selector: "#sc", position: "append", html: ";alert(2)" },
  { id: "script-src", type: "set_attribute", selector: "#sc", name: "src", value: "https://evil.example/x.js" },
  { id: "style-append", type: "insert", selector: "#st", position: "append", html: "body{display:none}" },
  { id: "title-text", type: "replace", selector: "#ti", text: "Sale!" },
  { id: "textarea-html", type: "replace", selector: "textarea", html: "<b>x</b>" },
  { id: "xmp-prepend", type: "insert", selector: "#xm", position: "prepend", html: "<i>x</i>" },
  { id: "iframe-html", type: "replace", selector: "#fr", html: "<p>x</p>" },
  { id: "noembed-append", type: "insert", selector: "#ne", position: "append", html: "<p>x</p>" },
  { id: "noframes-html", type: "replace", selector: "#nf", html: "<p>x</p>" },
  { id: "noscript-html", type: "replace", selector: "#ns", html: "<p>x</p>" },
  { id: "template-append", type: "insert", selector: "#tp", position: "append", html: "<p>x</p>" },
  { id: "plaintext-html", type: "replace", selector: "#pt", html: "<p>x</p>" },
];

/** Applied: outside those elements, or attributes that change nothing about how their content is read. */
const APPLIED: PageAction[] = [
  { id: "before-script", type: "insert", selector: "#sc", position: "before", html: "<i>before</i>" },
  { id: "style-media", type: "set_attribute", selector: "#st", name: "media", value: "screen" },
  { id: "heading", type: "replace", selector: "#ok", html: "<em>Welcome</em>" },
];

const JOURNEY: JourneyInput = {
  id: "raw-text",
  name: "Actions at raw-text elements",
  priority: 100,
  stages: [{ id: "on" }],
  start: "on",
  actions: [...REFUSED, ...APPLIED],
};

const marks = (id: string) =>
  `data-wm-journey="raw-text" data-wm-stage="on" data-wm-branch="default" data-wm-action="${id}"`;

beforeAll(async () => {
  await untilLiveVersion(await publishJourneys([JOURNEY]));
});

describe("actions at raw-text, RCDATA and inert elements", () => {
  it("leave those elements as the origin sent them; the others apply", async () => {
    const origin = await originText("/html/raw-text");
    const res = await getPage("/html/raw-text", { cookie: `wm_vid=${freshVisitorId()}` });
    expect(res.status).toBe(200);
    const html = await res.text();
    // The decision chose every action (the manifest lists them); the rewriter refused the first ones.
    expect(manifestOf(html)?.applied.map((a) => a.actionId)).toEqual([...REFUSED, ...APPLIED].map((a) => a.id));
    const expected = origin
      .replace('<style id="st">', `<style id="st" media="screen" ${marks("style-media")}>`)
      .replace('<h1 id="ok">Hello</h1>', `<h1 id="ok" ${marks("heading")}><em>Welcome</em></h1>`);
    expect(stripWaymark(html)).toBe(expected);
    // stripWaymark drops inserted slots wherever they are: the only one is before the script.
    expect(html.match(/<waymark-slot/g)).toHaveLength(1);
    expect(html).toContain(`${marks("before-script")} style="display:contents"><i>before</i></waymark-slot><script`);
  });
});

describe("the rule the edge and the beacon share", () => {
  it.each([
    ["insert append into SCRIPT (any case)", { type: "insert", position: "append" }, "SCRIPT", true],
    ["insert prepend into template", { type: "insert", position: "prepend" }, "template", true],
    ["insert before a script", { type: "insert", position: "before" }, "script", false],
    ["insert after a style", { type: "insert", position: "after" }, "style", false],
    ["replace a title", { type: "replace" }, "title", true],
    ["replace a div", { type: "replace" }, "div", false],
    ["replace a textarea-like custom element", { type: "replace" }, "textarea-x", false],
    ["set_attribute on a script", { type: "set_attribute" }, "script", true],
    ["set_attribute on a style", { type: "set_attribute" }, "style", false],
    ["hide a script", { type: "hide" }, "script", false],
    ["remove a style", { type: "remove" }, "style", false],
  ] as const)("%s", (_n, action, tag, refused) => {
    expect(refusedAt(action, tag)).toBe(refused);
  });
});
