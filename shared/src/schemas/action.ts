import { z } from "zod";
import { Condition } from "./condition.ts";
import { Slug } from "./id.ts";
import { checkSelector } from "../selectors/check-selector.ts";
import { StyleCss } from "./style-css.ts";
import { Duration } from "./duration.ts";

/**
 * A CSS selector the edge's HTMLRewriter can run (checkSelector: no sibling combinators, no :hover, :last-child...);
 * anything else is refused here, so every path that validates journeys (API, CLI, dashboard) says which part.
 */
export const Selector = z
  .string()
  .max(512)
  .superRefine((s, ctx) => {
    // The checker says "the selector is empty" in plain words (no zod minimum beside it: one message per mistake).
    if (s.length > 512) return;
    const check = checkSelector(s);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
  });
export type Selector = z.infer<typeof Selector>;
const Html = z.string().max(20_000);
const OneOrMany = z.union([Slug, z.array(Slug).min(1)]);

/** Fields every action shares: where in the journey it applies and how it competes. */
const common = {
  /** Stable id within the journey; defaults to "a<index>". Used in traces, stats and the manifest. */
  id: Slug.optional(),
  /** Stage(s) in which the action applies; absent = every non-exit stage. */
  stage: OneOrMany.optional(),
  /** Branch(es) that get the action; absent = every branch (never the holdout). */
  branch: OneOrMany.optional(),
  /** Extra conditions on the request or visitor. */
  when: z.array(Condition).max(20).optional(),
  /**
   * Slot the action occupies; two actions in the same slot never both show (higher journey priority wins).
   * Defaults to "<selector>|<position>" for page actions and "nudge" for nudges.
   */
  slot: z.string().min(1).max(128).optional(),
};

export const InsertPosition = z.enum(["before", "after", "prepend", "append"]);
export type InsertPosition = z.infer<typeof InsertPosition>;

/** How often one visitor may be shown one offer (a visitor over a cap gets another offer, or none). */
export const OfferCaps = z
  .object({ perSession: z.number().int().min(0).optional(), perDay: z.number().int().min(0).optional() })
  .strict();
export type OfferCaps = z.infer<typeof OfferCaps>;

/** Where an offer action puts the chosen offer: in place of the element's content, or inserted around it. */
export const OfferPosition = z.enum(["replace", "before", "after", "prepend", "append"]);
export type OfferPosition = z.infer<typeof OfferPosition>;

/** One candidate of an offer decision point: its content, who may get it, what it is worth. */
export const Offer = z
  .object({
    /** Unique within the action; traces, the model and the dashboard name the offer by it. */
    id: Slug,
    name: z.string().max(200).optional(),
    /** The content, as in insert / replace: exactly one of `html` and `text` (`text` only with position "replace"). */
    html: Html.optional(),
    text: z.string().max(20_000).optional(),
    /** Eligibility: the offer is a candidate only where all of these hold (the model never overrides them). */
    when: z.array(Condition).max(20).optional(),
    /** Business value of a conversion on this offer (margin, expected order value); the score is propensity x value x weight. */
    value: z.number().min(0).max(1e9).default(1),
    /** The marketer's lever: 2 makes the offer twice as likely to win at the same propensity and value; 0 never shows it. */
    weight: z.number().min(0).max(1_000).default(1),
    caps: OfferCaps.optional(),
  })
  .strict()
  .refine((o) => (o.html === undefined) !== (o.text === undefined), {
    message: 'give exactly one of "html" or "text"',
    path: ["html"],
  });
export type Offer = z.infer<typeof Offer>;
export type OfferInput = z.input<typeof Offer>;

/** Action: a change to the page (applied at the edge while it streams) or a nudge (shown by the beacon). */
export const Action = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("insert"),
      selector: Selector,
      position: InsertPosition.default("append"),
      html: Html,
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal("replace"),
      selector: Selector,
      html: Html.optional(),
      text: z.string().max(20_000).optional(),
      ...common,
    })
    .strict()
    .refine((a) => (a.html === undefined) !== (a.text === undefined), {
      message: 'give exactly one of "html" or "text"',
      path: ["html"],
    }),
  z
    .object({
      type: z.literal("set_attribute"),
      selector: Selector,
      name: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[a-z][a-z0-9_:.-]*$/i, "must be an attribute name"),
      value: z.string().max(4_000),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal("remove"), selector: Selector, ...common }).strict(),
  z.object({ type: z.literal("hide"), selector: Selector, ...common }).strict(),
  // Declarations appended to each matching element's style attribute (after its own, so they win over them).
  z.object({ type: z.literal("style"), selector: Selector, css: StyleCss, ...common }).strict(),
  // Same-site only: a path ("/pricing") or an absolute URL on the request's own host.
  z
    .object({
      type: z.literal("redirect"),
      url: z.string().min(1).max(2_048),
      status: z.union([z.literal(302), z.literal(307)]).default(302),
      ...common,
    })
    .strict(),
  // Shown by the beacon in a shadow root, on page load or at once in reply to an event.
  z
    .object({
      type: z.literal("nudge"),
      html: Html,
      title: z.string().max(200).optional(),
      placement: z.enum(["bottom-right", "bottom-left", "top", "center"]).default("bottom-right"),
      ...common,
    })
    .strict(),
  // A decision point (issue 18): the offer a model expects to do best for this visitor (propensity x value x weight,
  // Thompson sampling), learned from the journey's `objective` metric within the `attribution` window.
  z
    .object({
      type: z.literal("offer"),
      selector: Selector,
      position: OfferPosition.default("replace"),
      offers: z.array(Offer).min(1).max(20),
      /** Id of one of the journey's metrics: what the model learns to reach. */
      objective: Slug,
      /** How long after an offer is shown the objective counts for it (default "1d"); the visitor keeps the offer meanwhile. */
      attribution: Duration.optional(),
      ...common,
    })
    .strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionInput = z.input<typeof Action>;
