import { newVisitorState, templateValues } from "@waymark/shared/engine/index.ts";

/** The template value names the engine offers, read from the engine itself so the docs list exactly those. */
export function templateKeys(): string[] {
  const s = newVisitorState("docs", 0);
  s.cart.lastItem = { id: "x", name: "x", price: 1, quantity: 1, category: "x" };
  s.traits = { trait: "x" };
  s.scores.interests = { category: 1 };
  return Object.keys(templateValues(s)).map((k) =>
    k === "traits.trait" ? "traits.<name>" : k === "scores.interest.category" ? "scores.interest.<category>" : k,
  );
}
