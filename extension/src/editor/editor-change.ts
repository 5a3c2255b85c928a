import { z } from "zod";
import { InsertPosition } from "@waymark/shared/schemas/action.ts";
import { EventType } from "@waymark/shared/schemas/id.ts";

const Selector = z.string().min(1).max(512);

/**
 * One change the marketer makes in editor mode, on the element they selected. It becomes one action of the journey
 * (or one tracking rule), see `applyChange`; it also travels to the page for the optimistic preview.
 */
export const EditorChange = z.discriminatedUnion("kind", [
  /** The element's text, as typed (escaped: it shows as text, never as markup). */
  z.object({ kind: z.literal("text"), selector: Selector, text: z.string().max(20_000) }),
  z.object({ kind: z.literal("html"), selector: Selector, html: z.string().max(20_000) }),
  /** HTML from the template library, rendered in the panel. */
  z.object({ kind: z.literal("insert"), selector: Selector, position: InsertPosition, html: z.string().max(20_000) }),
  z.object({ kind: z.literal("hide"), selector: Selector }),
  z.object({ kind: z.literal("remove"), selector: Selector }),
  z.object({
    kind: z.literal("attribute"),
    selector: Selector,
    name: z.enum(["src", "href", "alt"]),
    value: z.string().max(4_000),
  }),
  /** CSS declarations appended to the element's style attribute (contract G: the `style` action). */
  z.object({ kind: z.literal("style"), selector: Selector, css: z.string().min(1).max(4_000) }),
  /** Send visitors of this page to another same-site URL (a redirect test). */
  z.object({ kind: z.literal("redirect"), url: z.string().min(1).max(2_048) }),
  /** Clicks on matching elements report `event` (contract E: a tracking rule); `goal` also makes it a goal. */
  z.object({ kind: z.literal("track"), selector: Selector, event: EventType, goal: z.boolean().default(false) }),
  /** Page views of paths matching `url` (a path glob) report `event` (contract E: a view rule). */
  z.object({
    kind: z.literal("view"),
    url: z.string().min(1).max(512),
    event: EventType,
    goal: z.boolean().default(false),
  }),
]);
export type EditorChange = z.infer<typeof EditorChange>;
export type EditorChangeInput = z.input<typeof EditorChange>;

/** Where a change lands: a journey's draft, and the stage and branch whose visitors get it. */
export const EditTarget = z.object({
  journey: z.string().min(1).max(64),
  stage: z.string().min(1).max(64).optional(),
  branch: z.string().min(1).max(64).optional(),
});
export type EditTarget = z.infer<typeof EditTarget>;

/** A short human description of a change, for the undo history. */
export function describeChange(c: EditorChange): string {
  switch (c.kind) {
    case "text":
      return `text of ${c.selector}`;
    case "html":
      return `HTML of ${c.selector}`;
    case "insert":
      return `insert ${c.position} ${c.selector}`;
    case "hide":
    case "remove":
      return `${c.kind} ${c.selector}`;
    case "attribute":
      return `${c.name} of ${c.selector}`;
    case "style":
      return `style of ${c.selector}`;
    case "redirect":
      return `redirect to ${c.url}`;
    case "track":
      return `clicks on ${c.selector} count as ${c.event}${c.goal ? " (goal)" : ""}`;
    case "view":
      return `views of ${c.url} count as ${c.event}${c.goal ? " (goal)" : ""}`;
  }
}
