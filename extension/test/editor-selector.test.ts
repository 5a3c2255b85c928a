import { parseHTML } from "linkedom";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSelector } from "@waymark/shared/selectors/check-selector.ts";
import { countMatches, generateSelector } from "../src/editor/generate-selector.ts";
import { isStableClass, isStableId } from "../src/editor/stable-names.ts";
import cases from "./cases/editor-selectors.json" with { type: "json" };

// Every generated selector must pass what the API checks on save (the selectors helper's checker, contract F).
/** The grammar the generator promises (a subset of HTMLRewriter's): no `+`, `~`, pseudo-elements or other pseudos. */
const EDGE_SUBSET =
  /^(?:(?:[a-z][a-z0-9-]*)?(?:#[A-Za-z_-][\w-]*|\.[A-Za-z_-][\w-]*|\[[a-z][a-z0-9_-]*="[^"\\]*"\]|:nth-of-type\(\d+\))*)(?:(?: > | )(?:[a-z][a-z0-9-]*)?(?:#[A-Za-z_-][\w-]*|\.[A-Za-z_-][\w-]*|\[[a-z][a-z0-9_-]*="[^"\\]*"\]|:nth-of-type\(\d+\))*)*$/;

function pick(html: string) {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const el = document.querySelector("[data-pick]")!;
  el.removeAttribute("data-pick");
  return { document, el };
}

describe("selector generation (case table)", () => {
  it.each(cases as [string, string, string][])("%s", (_name, html, expected) => {
    const { document, el } = pick(html);
    const got = generateSelector(el, document);
    expect(got.selector).toBe(expected);
    expect(got.matches).toBe(1);
    // It selects that very element, and only it.
    expect(document.querySelector(got.selector)).toBe(el);
    expect(got.selector).toMatch(EDGE_SUBSET);
    expect(checkSelector(got.selector)).toEqual({ ok: true });
  });

  it("reports the count when no unique selector exists (two identical root-level twins are told apart by position)", () => {
    const { document, el } = pick("<p>same</p><p data-pick>same</p>");
    const got = generateSelector(el, document);
    expect(got).toEqual({ selector: "body > p:nth-of-type(2)", matches: 1 });
  });

  it("counts matches outside Waymark's own content only", () => {
    const { document } = pick(
      '<h2 data-pick>a</h2><waymark-slot style="display:contents"><h2>inserted</h2></waymark-slot><h2>b</h2>',
    );
    expect(document.querySelectorAll("h2").length).toBe(3);
    expect(countMatches(document, "h2")).toBe(2);
  });

  it("every selector generated on a real-looking page is unique, runs in the edge subset and selects its element", () => {
    const { document } = parseHTML(`<!doctype html><html><body>
      <header id="top"><nav class="nav"><a href="/">Home</a><a href="/shop" class="nav-link">Shop</a><a class="nav-link">Help</a></nav></header>
      <main><section class="hero css-1x2y3z"><h1>Big sale</h1><p class="lead">Up to 50%</p><a class="btn Button_root__x7Fq2" data-track="hero-cta">Shop now</a></section>
      <ul class="products"><li class="card"><h3>One</h3><button>Add</button></li><li class="card"><h3>Two</h3><button>Add</button></li><li class="card is-active"><h3>Three</h3><button data-testid="add-3">Add</button></li></ul>
      <table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table></main>
      <footer><p>&copy; shop</p><p>links</p></footer></body></html>`);
    const all = Array.from(document.body.querySelectorAll("*"));
    expect(all.length).toBeGreaterThan(25);
    for (const el of all) {
      const got = generateSelector(el, document);
      expect.soft(got.matches, got.selector).toBe(1);
      expect.soft(document.querySelector(got.selector), got.selector).toBe(el);
      expect.soft(got.selector).toMatch(EDGE_SUBSET);
      expect.soft(checkSelector(got.selector), got.selector).toEqual({ ok: true });
    }
  });
});

describe("stable names", () => {
  it.each([
    ["hero-title", true],
    ["main", true],
    ["ember1234", false],
    ["react-aria-5", false],
    [":r1:", false],
    ["mui-17", false],
    ["product-12345", false],
    ["a1b2c3d4", false],
  ])("id %s stable: %s", (id, stable) => expect(isStableId(id)).toBe(stable));

  it.each([
    ["btn", true],
    ["btn-primary", true],
    ["product__title", true],
    ["Button_root__x7Fq2", false],
    ["css-1a2b3c", false],
    ["css-1a2b3c-Button", false],
    ["sc-bdVaJa", false],
    ["jsx-123456", false],
    ["svelte-1xyz9ab", false],
    ["_3xK9a", false],
    ["is-open", false],
    ["active", false],
    ["md:flex", false],
    ["w-[12px]", false],
    ["wm-banner", false],
    ["col-md-6", true],
    ["h1", true],
  ])("class %s stable: %s", (name, stable) => expect(isStableClass(name)).toBe(stable));
});

// Real pages written by other people (../shared/fixtures/real-pages, beside the repository): every element of each
// gets a unique selector that selects it and that the API accepts. Skipped, with a notice, when the corpus is absent.
const REAL_PAGES = fileURLToPath(new URL("../../../shared/fixtures/real-pages/", import.meta.url));
const realPages = existsSync(REAL_PAGES)
  ? ["01-shop-product-listing.html", "03-checkout-with-cart-summary.html", "04-pricing-landing.html"]
  : [];
if (!realPages.length) console.warn(`editor-selector: ${REAL_PAGES} is absent, the real-page cases are skipped`);

describe.skipIf(!realPages.length)("selector generation on real pages", () => {
  it.each(realPages)(
    "%s: every element of the body",
    (file) => {
      const { document } = parseHTML(readFileSync(join(REAL_PAGES, file), "utf8"));
      const all = Array.from(document.body.querySelectorAll("*")).filter(
        (el) => !el.closest("script, style, template, svg, noscript"),
      );
      let positional = 0;
      for (const el of all) {
        const got = generateSelector(el, document);
        expect.soft(got.matches, got.selector).toBe(1);
        expect.soft(document.querySelector(got.selector), got.selector).toBe(el);
        expect.soft(checkSelector(got.selector), got.selector).toEqual({ ok: true });
        if (got.selector.includes(":nth-of-type")) positional++;
      }
      // Most elements of a real page are told apart without positions (the share is printed for the report).
      console.info(`${file}: ${all.length} elements, ${positional} selectors use :nth-of-type`);
      expect(all.length).toBeGreaterThan(20);
    },
    30_000,
  ); // linkedom's querySelectorAll is slow: one count per candidate, every element of the page
});
