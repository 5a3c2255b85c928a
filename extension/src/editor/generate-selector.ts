import { isStableAttrValue, isStableClass, isStableId } from "./stable-names.ts";

/**
 * Attributes sites put on elements for tests and analytics, in order of preference: they are there to be selected
 * on and outlive redesigns. `data-track*` matches any attribute starting with it (data-track, data-tracking-id...).
 */
export const TEST_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-qa", "data-cy", "data-track"];

/** Elements Waymark adds to a page (inserted content, the extension's overlays): never part of a generated path. */
const WAYMARK_TAG = /^waymark-/i;

/** Where a selector is counted: elements inside Waymark's own inserted content or overlays do not count. */
export function countMatches(root: ParentNode, selector: string): number {
  let n = 0;
  for (const el of root.querySelectorAll(selector)) if (!insideWaymark(el)) n++;
  return n;
}

/** True for Waymark's own content (inserted slots, overlays): the origin's page, which the edge rewrites, lacks it. */
export function insideWaymark(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (WAYMARK_TAG.test(e.tagName)) return true;
  return false;
}

function tagOf(el: Element): string {
  return el.tagName.toLowerCase();
}

/** The element's test or tracking attribute as `[name="value"]`, if it has a usable one. */
function testAttribute(el: Element): string | null {
  for (const want of TEST_ATTRIBUTES) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const fits = want === "data-track" ? name.startsWith("data-track") : name === want;
      if (fits && /^[a-z][a-z0-9_-]*$/.test(name) && isStableAttrValue(attr.value)) return `[${name}="${attr.value}"]`;
    }
  }
  return null;
}

function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter(isStableClass);
}

/** Position among siblings of the same tag (1-based), and whether there is more than one of them. */
function typePosition(el: Element): { index: number; shared: boolean } {
  const parent = el.parentElement;
  if (!parent) return { index: 1, shared: false };
  const same = Array.from(parent.children).filter((c) => c.tagName === el.tagName && !WAYMARK_TAG.test(c.tagName));
  return { index: same.indexOf(el) + 1, shared: same.length > 1 };
}

/**
 * Candidates that name the element on its own, most durable first: stable id, test attribute, tag with stable
 * classes (one, then two), the tag alone.
 */
function ownCandidates(el: Element): string[] {
  const tag = tagOf(el);
  const out: string[] = [];
  if (el.id && isStableId(el.id)) out.push(`#${el.id}`);
  const attr = testAttribute(el);
  if (attr) out.push(attr, `${tag}${attr}`);
  const classes = stableClasses(el).slice(0, 6);
  for (const c of classes) out.push(`${tag}.${c}`);
  for (let i = 0; i < classes.length; i++)
    for (let k = i + 1; k < classes.length; k++) out.push(`${tag}.${classes[i]}.${classes[k]}`);
  out.push(tag);
  return out;
}

/** One step of a `>` path: what tells this element from its siblings, as briefly as possible. */
function pathStep(el: Element): string {
  const tag = tagOf(el);
  if (el.id && isStableId(el.id)) return `#${el.id}`;
  const { index, shared } = typePosition(el);
  if (!shared) return tag;
  const siblings = el.parentElement ? Array.from(el.parentElement.children) : [];
  const attr = testAttribute(el);
  if (attr && !siblings.some((s) => s !== el && s.matches(attr))) return `${tag}${attr}`;
  for (const c of stableClasses(el)) {
    const rivals = siblings.filter((s) => s !== el && s.tagName === el.tagName && s.classList.contains(c));
    if (rivals.length === 0) return `${tag}.${c}`;
  }
  return `${tag}:nth-of-type(${index})`;
}

/** True when the element itself can anchor a path: a stable id or test attribute that is unique in the document. */
function anchorOf(el: Element, root: ParentNode): string | null {
  for (const s of ownCandidates(el).slice(0, 3)) {
    if (!s.startsWith("#") && !s.startsWith("[")) break;
    if (countMatches(root, s) === 1) return s;
  }
  return null;
}

export interface GeneratedSelector {
  selector: string;
  /** How many elements it matches in `root` (Waymark's own content left out). 1 unless nothing unique was found. */
  matches: number;
}

/** How far up a path may climb before the generator settles for the full structural path. */
const MAX_DEPTH = 8;

/**
 * A selector for `el` that the edge can run (HTMLRewriter's syntax: type, #id, .class, [attr="v"], :nth-of-type,
 * descendant and `>` only) and that survives a redeploy where it can: a stable id or test attribute first, then stable
 * classes, then the shortest path from the nearest anchoring ancestor. Positions (:nth-of-type) only where the
 * siblings give nothing better. The selector is unique in `root` when one exists at all.
 *
 * Example: `<main id="shop"><h2>A</h2><h2 class="promo">B</h2></main>` -> `h2.promo`; without the class ->
 * `#shop > h2:nth-of-type(2)`.
 */
export function generateSelector(el: Element, root: ParentNode = el.ownerDocument!): GeneratedSelector {
  const own = ownCandidates(el);
  for (const s of own) if (countMatches(root, s) === 1) return { selector: s, matches: 1 };

  // Own candidates under a nearby anchor: `#checkout button.primary` reads well and survives layout changes.
  const leaves = own.filter((s) => !s.startsWith("#"));
  let depth = 0;
  for (let a = el.parentElement; a && depth < MAX_DEPTH; a = a.parentElement, depth++) {
    const anchor = anchorOf(a, root);
    if (!anchor) continue;
    for (const leaf of leaves) {
      const s = `${anchor} ${leaf}`;
      if (countMatches(root, s) === 1) return { selector: s, matches: 1 };
    }
    break; // the nearest anchor is the best one; farther ones only make longer selectors
  }

  // A `>` path upwards until it is unique (or reaches the root element, which makes it unique by structure).
  const steps = [pathStep(el)];
  for (let node: Element = el; ;) {
    const s = steps.join(" > ");
    const n = countMatches(root, s);
    const parent = node.parentElement;
    // A path never starts with a position: `b:nth-of-type(2)` alone breaks as soon as the page gains a <b> anywhere.
    if ((n <= 1 && !steps[0]!.includes(":nth-of-type")) || !parent) return { selector: s, matches: n };
    steps.unshift(parent.tagName.toLowerCase() === "html" ? "html" : pathStep(parent));
    node = parent;
  }
}
