import { z } from "zod";
import { Decision, JourneyTraceStatus } from "./decision.ts";

/**
 * An action's content as another channel (e-mail, push, an app) uses it, templates already filled with the visitor's
 * values: `html` (marketer markup, values escaped), `text` (escaped whole: insert it as HTML), `url` (a redirect's
 * target) and `title` (a nudge's), null where the action has none.
 */
export const ChannelContent = z.object({
  html: z.string().nullable(),
  text: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().nullable(),
});
export type ChannelContent = z.infer<typeof ChannelContent>;

/** One action the visitor gets in the journey's current stage and branch, with its content. */
export const ChannelAction = ChannelContent.extend({
  id: z.string(),
  type: z.string(),
  slot: z.string(),
});
export type ChannelAction = z.infer<typeof ChannelAction>;

/**
 * Reserved for the next-best-action offer chosen for the visitor (issue 18): the offer's id, the offer action that
 * chose it, and its content. Null until an offer decision point chooses one.
 */
export const ChannelOffer = ChannelContent.extend({ id: z.string(), actionId: z.string() });
export type ChannelOffer = z.infer<typeof ChannelOffer>;

/** Where the visitor is in one journey and what they get there: what a channel needs to say the same as the site. */
export const ChannelJourney = z.object({
  journey: z.string(),
  stage: z.string(),
  /** Null in the holdout (control group: the site shows nothing; a channel should send nothing either). */
  branch: z.string().nullable(),
  holdout: z.boolean(),
  /** decide only: why the journey did or did not act on this page (as in the trace). */
  status: JourneyTraceStatus.optional(),
  actions: z.array(ChannelAction),
  offer: ChannelOffer.nullable(),
});
export type ChannelJourney = z.infer<typeof ChannelJourney>;

/**
 * The body of a journey webhook (journey.webhooks): a visitor entered one of the listed stages. What a channel needs
 * to say the same as the site, plus the move itself. Signed as sent; docs/channels.md shows one.
 */
export const WebhookPayload = ChannelJourney.omit({ status: true }).extend({
  type: z.literal("stage_change"),
  from: z.string().nullable(),
  to: z.string(),
  /** ISO time of the stage change (not of the delivery, which may be retried). */
  at: z.iso.datetime(),
  visitorId: z.string(),
  /** Why the visitor moved, as in the trace: "on:add_to_cart", "after:30m", "enter", ... */
  reason: z.string(),
  /** The published ruleset version that decided the move. */
  version: z.number().int(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** POST /__waymark/api/decide's answer: the decision with its trace, and per journey what a channel needs. */
// journeys[] is new (issue 17): a client reading a Worker from before it gets [] rather than failing the whole call.
export const DecideResult = Decision.extend({ journeys: z.array(ChannelJourney).default([]) });
export type DecideResult = z.infer<typeof DecideResult>;
