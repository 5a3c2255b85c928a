import { z } from "zod";

/** One element Waymark inserted or changed on the page, as the highlighter found it (page data: parsed on arrival). */
export const SlotInfo = z.object({
  index: z.number().int().nonnegative(),
  /** "inserted" for a <waymark-slot> wrapper, "changed" for an element carrying data-wm-* attributes. */
  kind: z.enum(["inserted", "changed"]),
  tag: z.string().max(64),
  journey: z.string().max(200),
  stage: z.string().max(200),
  branch: z.string().max(200),
  action: z.string().max(200),
  /** False when the element has no box (a hide action, or content the page removed). */
  visible: z.boolean(),
  /** The element's text, cut short. */
  text: z.string().max(200),
});
export type SlotInfo = z.infer<typeof SlotInfo>;
export const SlotList = z.array(SlotInfo).max(500);

/** Messages the background sends to the highlighter in the page (it answers nothing else). */
export const ContentMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("wm.highlight"), on: z.boolean() }),
  z.object({ type: z.literal("wm.reveal"), index: z.number().int().nonnegative() }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;
