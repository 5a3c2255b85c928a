import { newVisitorState } from "../engine/new-visitor-state.ts";
import { templateValues } from "../engine/template-values.ts";

/** Placeholder names whose last part is the marketer's own word (a trait's or an interest category's name). */
const OPEN_PREFIXES = ["traits.", "scores.interest."] as const;

/**
 * The template value names the engine offers, read from the engine itself (so the docs and the validation list
 * exactly those): fixed names, plus `traits.<name>` and `scores.interest.<category>`.
 */
export function templateKeys(): string[] {
  const s = newVisitorState("docs", 0);
  s.cart.lastItem = { id: "x", name: "x", price: 1, quantity: 1, category: "x" };
  s.traits = { trait: "x" };
  s.scores.interests = { category: 1 };
  return Object.keys(templateValues(s)).map((k) =>
    k === "traits.trait" ? "traits.<name>" : k === "scores.interest.category" ? "scores.interest.<category>" : k,
  );
}

let fixed: Set<string> | null = null;

/** Is `path` a value templates can use? */
export function isTemplateKey(path: string): boolean {
  fixed ??= new Set(templateKeys().filter((k) => !k.includes("<")));
  return fixed.has(path) || OPEN_PREFIXES.some((p) => path.startsWith(p) && path.length > p.length);
}
