import { z } from "zod";

export const MAX_STYLE_CSS = 4_000;

/** Properties that load code or bindings in some browser (IE behaviours, old Firefox XBL). */
const SCRIPT_PROPERTIES = new Set(["behavior", "-ms-behavior", "-moz-binding"]);

/**
 * Why `css` is not a list of CSS declarations a `style` action may append to a style attribute, or null when it is.
 * Declarations only (`color: #b00; font-weight: 600`): no braces or `<` (no rules, no breaking out of the attribute
 * or of a <style>), no at-rules, no backslash escapes (they could spell any of what follows), no `expression(`, no
 * `javascript:`/`vbscript:`/`data:` URLs, no script-loading properties; quotes and parentheses balanced.
 */
export function styleCssProblem(css: string): string | null {
  if (css.length > MAX_STYLE_CSS) return `at most ${MAX_STYLE_CSS} characters`;
  const bad = /[{}<>\\@]/.exec(css);
  if (bad) {
    const what: Record<string, string> = {
      "{": "braces (declarations only, no rules)",
      "}": "braces (declarations only, no rules)",
      "<": '"<"',
      ">": '">"',
      "\\": "backslash escapes",
      "@": "at-rules such as @import",
    };
    return `${what[bad[0]]} not allowed: write declarations only, like "color: #b00; font-weight: 600"`;
  }
  // Comments could split a keyword for an old parser: the checks below read the text without them.
  const text = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, " ");
  if (/expression\s*\(/i.test(text)) return '"expression(" is not allowed (it runs script in old browsers)';
  const scheme = /(javascript|vbscript|data)\s*:/i.exec(text);
  if (scheme) return `"${scheme[1].toLowerCase()}:" URLs are not allowed: use an http(s) or relative URL`;
  const declarations = splitDeclarations(text);
  if (typeof declarations === "string") return declarations;
  if (declarations.length === 0) return 'no declaration: write e.g. "color: #b00"';
  for (const d of declarations) {
    const m = /^\s*(--[a-z0-9_-]+|-?[a-z][a-z0-9-]*)\s*:\s*(\S[\s\S]*)$/i.exec(d);
    if (!m) return `"${d.trim().slice(0, 60)}" is not a declaration: write "property: value"`;
    if (SCRIPT_PROPERTIES.has(m[1].toLowerCase())) return `the "${m[1]}" property is not allowed (it loads code)`;
  }
  return null;
}

/** The declarations between top-level semicolons (empty ones dropped), or why the quotes or parentheses are off. */
function splitDeclarations(text: string): string[] | string {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\n") return "a quoted string is not closed on its line";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") {
      if (--depth < 0) return 'a ")" without its "("';
    } else if (c === ";" && depth === 0) {
      if (text.slice(start, i).trim()) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) return "a quoted string is not closed";
  if (depth > 0) return 'a "(" is not closed';
  if (text.slice(start).trim()) out.push(text.slice(start));
  return out;
}

/** CSS declarations for a `style` action (styleCssProblem says what is refused). */
export const StyleCss = z
  .string()
  .min(1)
  .max(MAX_STYLE_CSS)
  .superRefine((css, ctx) => {
    const problem = styleCssProblem(css);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
