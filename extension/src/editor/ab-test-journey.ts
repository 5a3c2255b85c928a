import type { DraftJourney } from "./apply-change.ts";

/** Stage and branch the "A/B test this element" template puts the editor's changes in. */
export const AB_STAGE = "test";
export const AB_CONTROL = "control";
export const AB_VARIANT = "variant";
/** Share of visitors held out of the test entirely (they get nothing and are counted). */
export const AB_HOLDOUT = 0.1;

/** A journey id from a label: lowercase letters, digits and dashes, at most 64 characters. */
export function journeyIdFrom(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `ab-${slug || "element"}`;
}

/**
 * The "A/B test this element" template: one stage, a control branch that sees the page as it is, a variant branch
 * that gets the editor's changes, and a holdout. A draft: nothing shows to visitors until it is published.
 */
export function abTestJourney(opts: { id: string; name: string }): DraftJourney {
  return {
    id: opts.id,
    name: opts.name.slice(0, 200),
    description: "Created in the extension's visual editor (A/B test this element).",
    stages: [{ id: AB_STAGE, name: "In the test" }],
    start: AB_STAGE,
    transitions: [],
    branches: [
      { id: AB_CONTROL, weight: 1, name: "Control (page as it is)" },
      { id: AB_VARIANT, weight: 1, name: "Variant (editor changes)" },
    ],
    holdout: AB_HOLDOUT,
    actions: [],
  };
}
