import { cssTokens, type CssToken } from "./css-tokens.ts";

export type SelectorCheck = { ok: true } | { ok: false; message: string };

/** What the edge can run, for messages that refuse something else. */
export const SUPPORTED_SELECTORS =
  "tag, *, #id, .class, [attr], [attr=v] (also ~= |= ^= $= *=, with i or s), descendant (space) and child (>) " +
  "combinators, lists (,), :first-child, :first-of-type, :nth-child(), :nth-of-type() and :not()";

/** Pseudo-classes the selectors crate parses but lol-html refuses to run (a stream cannot see what comes later). */
const KNOWN_UNSUPPORTED = new Set([
  "last-child",
  "only-child",
  "last-of-type",
  "only-of-type",
  "root",
  "empty",
  "scope",
  "host",
  "nth-last-child",
  "nth-last-of-type",
  "is",
  "where",
  "has",
]);

const NOT_SIMPLE =
  "takes simple selectors only, like :not(.x), :not([hidden]) or :not(.a, .b): the edge's HTML rewriter accepts " +
  "more but matches it differently from browsers (measured in edge/test/selectors-workerd.test.ts)";

/** Legacy pseudo-elements written with one colon. */
const PSEUDO_ELEMENTS = new Set(["before", "after", "first-line", "first-letter"]);

type Node = CssToken | Block;
interface Block {
  t: "block";
  /** "[", "(" or "{", or the function name for a function token. */
  open: string;
  fn: boolean;
  children: Node[];
}

class Refused extends Error {}
const refuse = (message: string): never => {
  throw new Refused(message);
};

/**
 * Can the edge's HTMLRewriter (lol-html) run this selector? Mirrors what lol-html accepts: the CSS syntax of its
 * selectors crate, minus what a streaming rewriter cannot match (sibling combinators, :last-child, :has()...). On
 * refusal, the message names the unsupported or broken part. Cross-checked against the real HTMLRewriter in workerd
 * from one case table (shared/test/cases/selectors.json, edge/test/selectors-workerd.test.ts).
 * @example checkSelector("h1 + p") // { ok: false, message: 'the "+" (next sibling) combinator is not supported ...' }
 */
export function checkSelector(selector: string): SelectorCheck {
  try {
    selectorList(tree(cssTokens(selector)), false);
    return { ok: true };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, message: err.message };
    throw err;
  }
}

const CLOSERS: Record<string, string> = { "[": "]", "(": ")", "{": "}" };
/** Blocks nest at most this deep (the checker recurses on them); real selectors nest two or three. */
export const MAX_SELECTOR_NESTING = 16;

/** Nests the tokens into blocks; a block still open at the end is closed there, as CSS does. */
function tree(tokens: CssToken[]): Node[] {
  const root: Block = { t: "block", open: "", fn: false, children: [] };
  const stack: Block[] = [root];
  for (const tok of tokens) {
    const top = stack[stack.length - 1];
    if (tok.t === "function" || (tok.t === "delim" && tok.v in CLOSERS)) {
      const b: Block = { t: "block", open: tok.v, fn: tok.t === "function", children: [] };
      top.children.push(b);
      stack.push(b);
      if (stack.length > MAX_SELECTOR_NESTING + 1)
        refuse(`the selector nests brackets or :not() more than ${MAX_SELECTOR_NESTING} deep`);
    } else if (tok.t === "delim" && stack.length > 1 && tok.v === CLOSERS[top.fn ? "(" : top.open]) stack.pop();
    else top.children.push(tok);
  }
  return root.children;
}

const isWs = (n: Node | undefined) => n?.t === "ws";
const isDelim = (n: Node | undefined, v: string) => n?.t === "delim" && n.v === v;
const skipWs = (nodes: Node[], i: number) => {
  while (isWs(nodes[i])) i++;
  return i;
};

/** A node as the marketer wrote it (near enough), for messages. */
function show(n: Node): string {
  switch (n.t) {
    case "block":
      return n.fn ? `${n.open}(` : n.open;
    case "ws":
      return "space";
    case "ident":
      return n.v;
    case "function":
      return `${n.v}(`;
    case "hash":
      return `#${n.v}`;
    case "string":
      return JSON.stringify(n.v);
    case "number":
    case "dimension":
      return "a number";
    default:
      return n.v;
  }
}

function selectorList(nodes: Node[], inNot: boolean): void {
  let start = 0;
  for (let i = 0; i <= nodes.length; i++) {
    if (i < nodes.length && !isDelim(nodes[i], ",")) continue;
    const part = nodes.slice(start, i);
    if (skipWs(part, 0) >= part.length)
      refuse(
        nodes.length === 0 || nodes.every(isWs)
          ? inNot
            ? ":not() needs a selector inside"
            : "the selector is empty"
          : "an empty entry in the selector list (a comma too many?)",
      );
    complex(part, inNot);
    start = i + 1;
  }
}

function complex(nodes: Node[], inNot: boolean): void {
  let i = compound(nodes, skipWs(nodes, 0), inNot);
  for (;;) {
    const ws = isWs(nodes[i]);
    i = skipWs(nodes, i);
    if (i >= nodes.length) return;
    const n = nodes[i];
    // Inside :not() any combinator is refused for what it means there (lol-html runs some of them, unlike CSS),
    // before the sibling combinators' own message.
    if (inNot && (ws || isDelim(n, ">") || isDelim(n, "+") || isDelim(n, "~")))
      refuse(`a combinator inside :not() is not supported: :not() ${NOT_SIMPLE}`);
    if (isDelim(n, "+") || isDelim(n, "~"))
      refuse(
        `the "${n.t === "delim" ? n.v : ""}" (${isDelim(n, "+") ? "next" : "subsequent"} sibling) combinator is not ` +
          "supported by the edge's HTML rewriter: it streams the page and cannot look at siblings; use a " +
          "descendant (space) or child (>) combinator",
      );
    if (isDelim(n, ">")) {
      i = skipWs(nodes, i + 1);
      if (i >= nodes.length) refuse('the selector ends with ">": a child combinator needs an element after it');
    } else if (!ws) refuse(`unexpected "${show(n)}" in the selector`);
    i = compound(nodes, i, inNot);
  }
}

/**
 * One compound selector from nodes[i]; returns the index after it. Inside :not(), one simple selector only: lol-html
 * runs :not(li.x) as :not(li):not(.x), where a browser excludes only elements that are both.
 */
function compound(nodes: Node[], i: number, inNot: boolean): number {
  const start = i;
  let simple = 0;
  const n0 = nodes[i];
  const isTypeName = (n: Node | undefined) => n?.t === "ident" || isDelim(n, "*");
  if (isTypeName(n0)) {
    if (isDelim(nodes[i + 1], "|")) {
      if (!isTypeName(nodes[i + 2])) refuse(`"${show(n0)}|" must be followed by an element name`);
      if (n0.t === "ident")
        refuse(`namespace prefixes ("${n0.v}|${show(nodes[i + 2])}") are not supported: write the element name alone`);
      i += 3;
    } else i += 1;
    simple++;
  } else if (isDelim(n0, "|")) {
    if (!isTypeName(nodes[i + 1])) refuse('"|" must be followed by an element name');
    i += 2;
    simple++;
  }
  for (; ; simple++) {
    if (inNot && simple > 1) refuse(`a compound selector inside :not() is not supported: :not() ${NOT_SIMPLE}`);
    const n = nodes[i];
    if (n === undefined) break;
    if (n.t === "hash") {
      if (!n.id)
        refuse(`"#${n.v}" is not a valid id selector (it cannot start with a digit): use [id="${n.v}"] instead`);
      i++;
    } else if (isDelim(n, ".")) {
      if (nodes[i + 1]?.t !== "ident") refuse('"." must be followed by a class name');
      i += 2;
    } else if (n.t === "block" && n.open === "[" && !n.fn) {
      attribute(n.children);
      i++;
    } else if (isDelim(n, ":")) {
      i = pseudo(nodes, i + 1, inNot);
    } else if (n.t === "ws" || isDelim(n, ",") || isDelim(n, ">") || isDelim(n, "+") || isDelim(n, "~")) break;
    else refuse(`unexpected "${show(n)}" in the selector`);
  }
  if (i === start) refuse(`unexpected "${show(nodes[start])}" in the selector`);
  return i;
}

/** The pseudo-class after a ":" at nodes[j]; returns the index after it. */
function pseudo(nodes: Node[], j: number, inNot: boolean): number {
  const n = nodes[j];
  if (isDelim(n, ":")) {
    const name = nodes[j + 1];
    refuse(
      `the pseudo-element "::${name && name.t !== "ws" ? (name.t === "block" ? name.open : show(name)) : ""}" is not ` +
        "supported: the edge changes elements, not parts of them",
    );
  }
  if (n?.t === "ident") {
    const name = n.v.toLowerCase();
    if (name === "first-child" || name === "first-of-type") return j + 1;
    if (PSEUDO_ELEMENTS.has(name))
      refuse(`the pseudo-element ":${n.v}" is not supported: the edge changes elements, not parts of them`);
    refuse(unsupportedPseudo(`:${n.v}`, name));
  }
  if (n?.t === "block" && n.fn) {
    const name = n.open.toLowerCase();
    if (name === "nth-child" || name === "nth-of-type") {
      if (!isAnB(n.children))
        refuse(`":${n.open}()" needs a position like 3, odd, even or 2n+1 (":nth-child(n of S)" is not supported)`);
    } else if (name === "not") {
      if (inNot) refuse(`a :not() inside :not() is not supported: :not() ${NOT_SIMPLE}`);
      selectorList(n.children, true);
    } else refuse(unsupportedPseudo(`:${n.open}()`, name));
    return j + 1;
  }
  return refuse('":" must be followed by a pseudo-class such as :first-child');
}

function unsupportedPseudo(written: string, name: string): string {
  const why = KNOWN_UNSUPPORTED.has(name)
    ? "the edge's HTML rewriter streams the page and cannot run it"
    : "the edge's HTML rewriter only knows pseudo-classes about an element's position, and :not()";
  return `"${written}" is not supported: ${why}. Supported: ${SUPPORTED_SELECTORS}`;
}

/** [name], [name op value flag]; namespaces other than "no namespace" (|name) are refused as lol-html does. */
function attribute(nodes: Node[]): void {
  let i = skipWs(nodes, 0);
  const n = nodes[i];
  if (n?.t === "ident") {
    if (isDelim(nodes[i + 1], "|"))
      refuse(`namespaced attributes ("[${n.v}|...]") are not supported: write the attribute name alone`);
    i++;
  } else if (isDelim(n, "*") && isDelim(nodes[i + 1], "|"))
    refuse('namespaced attributes ("[*|...]") are not supported: write the attribute name alone');
  else if (isDelim(n, "|") && nodes[i + 1]?.t === "ident") i += 2;
  else
    refuse(
      n === undefined
        ? 'the attribute selector "[" has no attribute name (write [name], [name="value"] and close it with "]")'
        : `the attribute selector must start with an attribute name, not "${show(n)}"`,
    );
  i = skipWs(nodes, i);
  if (i >= nodes.length) return;
  const op = nodes[i];
  if (!(isDelim(op, "=") || op.t === "match"))
    refuse(`unexpected "${show(op)}" in an attribute selector: use =, ~=, |=, ^=, $= or *=`);
  i = skipWs(nodes, i + 1);
  const value = nodes[i];
  if (!(value?.t === "ident" || (value?.t === "string" && !value.bad)))
    refuse(
      value === undefined
        ? "the attribute selector has no value after its operator"
        : `the value in an attribute selector must be a name or a quoted string, not "${show(value)}" (quote it)`,
    );
  i = skipWs(nodes, i + 1);
  const flag = nodes[i];
  if (flag?.t === "ident" && /^[is]$/i.test(flag.v)) i = skipWs(nodes, i + 1);
  if (i < nodes.length)
    refuse(
      `unexpected "${show(nodes[i])}" at the end of an attribute selector (only an i or s flag may follow the value)`,
    );
}

/** The An+B microsyntax of :nth-child() (css-syntax-3 6.2), as the tokens it is made of. */
function isAnB(all: Node[]): boolean {
  let lo = skipWs(all, 0);
  let hi = all.length;
  while (hi > lo && isWs(all[hi - 1])) hi--;
  const t = all.slice(lo, hi);
  const [a, b] = t;
  if (t.length === 1 && a.t === "ident" && /^(odd|even)$/i.test(a.v)) return true;
  if (t.length === 1 && a.t === "number") return a.int;
  let unit: string;
  let rest: Node[];
  if (isDelim(a, "+") && b?.t === "ident" && !b.v.startsWith("-")) {
    unit = b.v.toLowerCase();
    rest = t.slice(2);
  } else if (a?.t === "ident") {
    unit = a.v.toLowerCase().replace(/^-/, "");
    rest = t.slice(1);
  } else if (a?.t === "dimension" && a.int) {
    unit = a.unit.toLowerCase();
    rest = t.slice(1);
  } else return false;
  const r = rest.filter((n) => !isWs(n));
  if (unit === "n") {
    if (r.length === 0) return true;
    const [x, y] = r;
    if (r.length === 1) return x.t === "number" && x.int && x.signed;
    return r.length === 2 && (isDelim(x, "+") || isDelim(x, "-")) && y.t === "number" && y.int && !y.signed;
  }
  if (unit === "n-") return r.length === 1 && r[0].t === "number" && r[0].int && !r[0].signed;
  return /^n-\d+$/.test(unit) && r.length === 0;
}
