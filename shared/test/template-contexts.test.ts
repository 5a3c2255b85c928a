// Context-aware rendering: a visitor value is rendered by what its placeholder sits in (text, an attribute, a URL
// attribute, a style, a script). Escaping alone cannot stop "javascript:" in a URL attribute: the whole rendered
// attribute value is checked, and a value that makes it a non-http(s)/mailto/tel URL is dropped.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderAttributeTemplate, renderTemplate } from "../src/engine/render-template.ts";
import type { TemplateValues } from "../src/engine/types.ts";
import contexts from "./cases/template-contexts.json";
import { rows } from "./support/cases.ts";

interface ContextInput {
  template: string;
  values: TemplateValues;
  literal?: "html" | "text";
  /** set_attribute: the attribute the template is the value of. */
  attribute?: string;
}

describe("renderTemplate in context", () => {
  it.each(rows<ContextInput, string | null>(contexts))("$name", ({ input, expected }) => {
    const out =
      input.attribute === undefined
        ? renderTemplate(input.template, input.values, input.literal)
        : renderAttributeTemplate(input.attribute, input.template, input.values);
    expect(out).toBe(expected);
  });
});

// The reference check, written independently of the engine: the attribute values of the rendered HTML (the
// templates below are fixed and values cannot add quotes, so a regex finds them), decoded the way a browser decodes
// character references, then resolved by the WHATWG URL parser (which strips what browsers strip).
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:", "about:", "invalid:"]);
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  Tab: "\t",
  NewLine: "\n",
  sol: "/",
  num: "#",
  quest: "?",
};
function decodeAttr(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+);?|#(\d+);?|([A-Za-z]+);)/gi, (m, hex, dec, name) => {
    if (hex !== undefined || dec !== undefined) {
      const n = hex !== undefined ? parseInt(hex, 16) : parseInt(dec, 10);
      return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
    }
    return NAMED[name] ?? m;
  });
}
function protocolOf(attrValue: string): string {
  try {
    return new URL(decodeAttr(attrValue), "https://shop.example/base/").protocol;
  } catch {
    return "invalid:"; // not a URL: the browser navigates nowhere
  }
}
const URL_ATTR = /\s(href|src|action|formaction|poster|xlink:href)=(?:"([^"]*)"|'([^']*)'|([^\s>]*))/gi;

const TEMPLATES = [
  '<a href="{{v}}">x</a>',
  "<a href='{{v}}'>x</a>",
  "<a href={{v}}>x</a>",
  '<a href="java{{v}}">x</a>',
  '<a href="{{v}}{{w}}">x</a>',
  '<a href="{{v}}:{{w}}">x</a>',
  '<a href="&#106;ava{{v}}">x</a>',
  '<a href="{{v}}&colon;{{w}}">x</a>',
  '<a href="{{v}}&Tab;{{w}}">x</a>',
  '<a title="{{w}}" href="{{v}}">x</a>',
  '<form action="{{v}}"><button formaction=" {{w}}">b</button></form>',
  '<img src="{{v}}"><video poster="{{w}}"></video>',
  '<svg><a xlink:href="{{v}}">s</a></svg>',
  '<!--> <a href="{{v}}">x</a>',
];
// Values built from the pieces of script URLs, so the property explores the near misses, plus any string.
const piece = fc.constantFrom(
  "javascript",
  "java",
  "script",
  "vbscript",
  "data",
  ":",
  "&#58;",
  "&colon;",
  "&",
  "#",
  ";",
  "/",
  " ",
  "\t",
  "\n",
  "\u0000",
  "\u0001",
  "\u007f",
  "JaVa",
  "alert(1)",
  "https",
  "x",
  "text/html,",
  "%6a",
  "\\",
);
const value = fc.oneof(
  fc.array(piece, { maxLength: 8 }).map((p) => p.join("")),
  fc.string({ maxLength: 20 }),
);

describe("no value makes a script URL (property, reference check)", () => {
  it("every URL attribute of the rendered HTML resolves to http(s), mailto, tel, about, relative or no URL", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), value, value, (template, v, w) => {
        const html = renderTemplate(template, { v, w });
        for (const m of html.matchAll(URL_ATTR)) {
          const attr = m[2] ?? m[3] ?? m[4] ?? "";
          expect(SAFE_PROTOCOLS.has(protocolOf(attr)), `${m[1]}=${JSON.stringify(attr)} from ${template}`).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it("set_attribute on a URL attribute never renders a script URL", () => {
    fc.assert(
      fc.property(fc.constantFrom("{{v}}", "java{{v}}", "{{v}}{{w}}", " {{v}}:{{w}}"), value, value, (t, v, w) => {
        const out = renderAttributeTemplate("href", t, { v, w });
        if (out !== null) expect(SAFE_PROTOCOLS.has(protocolOf(out)), JSON.stringify(out)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
