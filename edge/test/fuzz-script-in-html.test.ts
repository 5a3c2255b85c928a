// The marketer-HTML check cross-checked against parse5, a spec-compliant HTML parser (the browser's tokenizer and
// tree construction): fragments built from the pieces that make scanners and browsers disagree (comment endings,
// raw-text and RCDATA elements, CDATA, foreign content, quotes, character references) are either refused, or
// parse5 finds no script in them however they are parsed: in a page inside any of a dozen elements, with scripting
// on and off, as a fragment and after a serialize-and-reparse round trip; and placed in front of a page that hides
// script safely (in a textarea, an attribute, a comment...), they never make that script live. Harmless HTML built at
// random is accepted.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import { scriptInHtml } from "@waymark/shared/schemas/script-in-html.ts";
import { fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";

type Node = DefaultTreeAdapterMap["node"];

/** What in a parse5 tree could run script: script elements, handlers, srcdoc, script or data: document URLs. */
function danger(root: Node): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) {
      if (node.tagName === "script") found.push(`<script> (${node.namespaceURI})`);
      for (const a of node.attrs) {
        const v = a.value.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
        if (
          a.name.startsWith("on") ||
          a.name === "srcdoc" ||
          /(?:javascript|vbscript):/.test(v) ||
          /(?:^|[^a-z0-9+.-])data:(?!image\/)/.test(v)
        )
          found.push(`${node.tagName} ${a.name}=${a.value}`);
      }
      if (node.tagName === "template" && "content" in node) walk(node.content as Node);
    }
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(root);
  return found;
}

// Elements a selector could put the fragment in.
const CONTEXTS: [string, string][] = [
  ["", ""],
  ["<div>", "</div>"],
  ["<svg>", "</svg>"],
  ["<math>", "</math>"],
  ["<math><mtext>", "</mtext></math>"],
  ["<svg><foreignObject>", "</foreignObject></svg>"],
  ["<table>", "</table>"],
  ["<select>", "</select>"],
  ["<noscript>", "</noscript>"],
  ["<template>", "</template>"],
  ["<textarea>", "</textarea>"],
  ["<style>", "</style>"],
];

/** Every way parse5 can read the fragment, with what it found that could run script. */
function parsedDanger(html: string): string[] {
  const found: string[] = [];
  for (const scriptingEnabled of [true, false]) {
    for (const [open, close] of CONTEXTS) {
      const doc = parse(`<!doctype html><html><body>${open}${html}${close}</body></html>`, { scriptingEnabled });
      found.push(...danger(doc).map((d) => `${open} scripting ${scriptingEnabled}: ${d}`));
    }
    const fragment = parseFragment(html, { scriptingEnabled });
    found.push(...danger(fragment).map((d) => `fragment: ${d}`));
    const reparsed = parseFragment(serialize(fragment), { scriptingEnabled });
    found.push(...danger(reparsed).map((d) => `round trip: ${d}`));
  }
  return found;
}

// Page content after the insertion point that holds script safely, unless something before it re-opens it.
const HIDDEN = "<img src=x onerror=alert(1)>";
const PAGE_TAILS = [
  `<textarea>--> ]]> ${HIDDEN}</textarea>`,
  `<div title="5 > 3 ${HIDDEN}">x</div>`,
  `<p>"</textarea></title></style></noscript>]]>--></p><b title='${HIDDEN}'>`,
  `<!-- ${HIDDEN} -->`,
  `<noscript>${HIDDEN}</noscript>`,
  `<title>${HIDDEN}</title><style>/* ${HIDDEN} */</style>`,
  `<xmp>${HIDDEN}</xmp>`,
  `<a href="/x?q=" title=${HIDDEN.replace(/ /g, "&#32;")}>x</a>`,
];

// The pieces scanners get wrong, plus plain ones so that some fragments are accepted.
const PIECES = [
  "<!--",
  "<!-->",
  "<!--->",
  "-->",
  "--!>",
  "--",
  "-",
  "!",
  "<!",
  "<?",
  "</",
  "<",
  ">",
  "/",
  "/>",
  "=",
  '"',
  "'",
  " ",
  "\n",
  "\t",
  "<![CDATA[",
  "]]>",
  "&lt;",
  "&gt;",
  "&amp;",
  "&#60;",
  "&colon;",
  "&Tab;",
  "&#x6A;",
  "&#106",
  "x",
  "on",
  "error",
  "<b>",
  "</b>",
  "<p>",
  "<div>",
  "</div>",
  "<br>",
  "<textarea>",
  "</textarea>",
  "</textarea ",
  "<title>",
  "</title>",
  "<style>",
  "</style>",
  "<noscript>",
  "</noscript>",
  "<xmp>",
  "</xmp>",
  "<iframe>",
  "</iframe>",
  "<noembed>",
  "<noframes>",
  "<plaintext>",
  "<svg>",
  "</svg>",
  "<math>",
  "</math>",
  "<mtext>",
  "<mglyph>",
  "<mi>",
  "<foreignObject>",
  "<desc>",
  "<annotation-xml encoding=text/html>",
  "<table>",
  "<select>",
  "<option>",
  "<template>",
  "</template>",
  "<form>",
  "</form>",
  "<img",
  " src=x",
  " onerror=alert(1)",
  " title=",
  "<a",
  " href=",
  "javascript:alert(1)",
  "java&#x09;script:",
  "data:text/html,",
  " srcdoc=",
  HIDDEN,
  "<script>",
  "</script>",
];
const fragmentOf = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join(""));

describe("scriptInHtml against parse5", () => {
  it(
    "a fragment it accepts has no script in any way parse5 reads it",
    () => {
      let accepted = 0;
      fc.assert(
        fc.property(fragmentOf, (html) => {
          if (scriptInHtml(html) !== null) return;
          accepted++;
          expect(parsedDanger(html)).toEqual([]);
        }),
        { numRuns: fuzzRuns(600) },
      );
      // Not a vacuous pass: a good share of the fragments get through the check.
      expect(accepted).toBeGreaterThan(fuzzRuns(600) / 20);
    },
    fuzzTimeout(600, 30),
  );

  it(
    "a fragment it accepts never makes script hidden in the page after it live",
    () => {
      fc.assert(
        fc.property(fragmentOf, fc.constantFrom(...PAGE_TAILS), (html, tail) => {
          if (scriptInHtml(html) !== null) return;
          const page = parse(`<!doctype html><html><body><main>${html}</main>${tail}</body></html>`);
          expect(danger(page)).toEqual([]);
        }),
        { numRuns: fuzzRuns(600) },
      );
    },
    fuzzTimeout(600, 10),
  );

  it(
    "accepts harmless HTML built at random (escaped text, ordinary elements and attributes, comments)",
    () => {
      const text = fc.string({ maxLength: 20 }).map(escapeHtml);
      const attr = fc
        .tuple(fc.constantFrom("class", "title", "href", "alt", "data-x", "aria-label", "style"), text)
        .map(([n, v]) => ` ${n}="${v}"`);
      const { node } = fc.letrec<{ node: string }>((tie) => ({
        node: fc.oneof(
          { depthSize: "small" },
          text,
          fc.string({ maxLength: 20 }).map((s) => `<!-- ${escapeHtml(s).replace(/-/g, "&#45;")} -->`),
          fc
            .tuple(
              fc.constantFrom("div", "p", "b", "a", "span", "ul", "li", "svg", "math", "textarea", "style", "title"),
              fc.array(attr, { maxLength: 3 }),
              fc.array(tie("node"), { maxLength: 3 }),
            )
            .map(([name, attrs, kids]) => {
              // Raw text and RCDATA elements hold text, not markup.
              const raw = ["textarea", "style", "title"].includes(name);
              const inner = raw ? escapeHtml(kids.join("")).replace(/</g, "") : kids.join("");
              return `<${name}${attrs.join("")}>${inner}</${name}>`;
            }),
        ),
      }));
      fc.assert(
        fc.property(node, (html) => {
          expect(scriptInHtml(html)).toBeNull();
        }),
        { numRuns: fuzzRuns(500) },
      );
    },
    fuzzTimeout(500, 10),
  );
});
