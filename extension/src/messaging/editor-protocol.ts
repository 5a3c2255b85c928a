import { z } from "zod";
import { EditorChange } from "../editor/editor-change.ts";

/** The element selected in editor mode, as the page reports it (page data: parsed on arrival). */
export const EditorSelection = z.object({
  selector: z.string().max(512),
  /** Elements the selector matches on this page (Waymark's own content left out). */
  matches: z.number().int().nonnegative(),
  tag: z.string().max(64),
  /** The element's text, cut short. */
  text: z.string().max(2_000),
  /** Its inner HTML, cut short (the starting point of "replace inner HTML"). */
  html: z.string().max(20_000),
  /** Only text inside: replacing the text loses no markup. */
  textOnly: z.boolean(),
  attributes: z
    .object({ src: z.string().max(4_000), href: z.string().max(4_000), alt: z.string().max(4_000) })
    .partial(),
  /** The element is part of content Waymark inserted: edit it in its journey instead. */
  waymark: z.boolean(),
  /** Path of the page it is on. */
  path: z.string().max(4_096),
});
export type EditorSelection = z.infer<typeof EditorSelection>;

export const SelectionMove = z.enum(["parent", "child", "prev", "next"]);
export type SelectionMove = z.infer<typeof SelectionMove>;

/** Messages the background sends to the editor script in the page. */
export const EditorPageMessage = z.discriminatedUnion("type", [
  /** Editor mode on: hover outlines, click selects; re-selects `selector` (after a reload) when given. */
  z.object({ type: z.literal("wm.editor.start"), selector: z.string().max(512).optional() }),
  z.object({ type: z.literal("wm.editor.stop") }),
  z.object({ type: z.literal("wm.editor.move"), to: SelectionMove }),
  /** Select the first element matching a selector the marketer typed (and count it). */
  z.object({ type: z.literal("wm.editor.select"), selector: z.string().min(1).max(512) }),
  /** The optimistic preview of a change, shown until the edge's answer replaces the page. */
  z.object({ type: z.literal("wm.editor.preview"), change: EditorChange }),
]);
export type EditorPageMessage = z.infer<typeof EditorPageMessage>;

/** What the editor script answers: the selection (null: none), or an error such as an unparseable selector. */
export const EditorPageReply = z.object({
  selection: EditorSelection.nullable(),
  error: z.string().max(500).optional(),
});
export type EditorPageReply = z.infer<typeof EditorPageReply>;

/** What the editor script broadcasts when the marketer selects on the page (the side panel listens). */
export const SELECTED_NOTICE = "wm.editor.selected";
export const SelectedNotice = z.object({ type: z.literal(SELECTED_NOTICE), selection: EditorSelection.nullable() });
