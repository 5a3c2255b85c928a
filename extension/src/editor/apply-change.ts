import type { ActionInput } from "@waymark/shared/schemas/action.ts";
import type { JourneyInput } from "@waymark/shared/schemas/journey.ts";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import type { EditorChange, EditTarget } from "./editor-change.ts";

export type DraftAction = ActionInput;
/** A journey draft as the editor reads and writes it (the admin API validates it again on save). */
export type DraftJourney = Omit<JourneyInput, "actions"> & { actions?: DraftAction[] };

export interface ChangeContext {
  /** Path of the page the change was made on ("/products/trail-runner"). */
  path: string;
  /** Scope page changes to this path (default): the same selector on another page is another element. */
  thisPageOnly: boolean;
}

/** Ids of the actions and tracking rules the editor writes: `ed-1`, `ed-2`... (unique in the journey). */
function nextId(taken: Iterable<string | undefined>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`ed-${n}`)) return `ed-${n}`;
}

/** Globs read `*` and `?` as wildcards: a path holding one is scoped by its literal prefix instead. */
function pathGlob(path: string): string {
  const cut = path.search(/[*?]/);
  return cut === -1 ? path : `${path.slice(0, cut)}**`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The action a change becomes (without id and scope), or null for a tracking rule. */
function actionOf(c: EditorChange): DraftAction | null {
  switch (c.kind) {
    case "text":
      // The edge inserts `text` as markup (it is a template whose values are escaped): escape what was typed.
      return { type: "replace", selector: c.selector, text: escapeHtml(c.text) };
    case "html":
      return { type: "replace", selector: c.selector, html: c.html };
    case "insert":
      return { type: "insert", selector: c.selector, position: c.position, html: c.html };
    case "hide":
      return { type: "hide", selector: c.selector };
    case "remove":
      return { type: "remove", selector: c.selector };
    case "attribute":
      return { type: "set_attribute", selector: c.selector, name: c.name, value: c.value };
    case "style":
      return { type: "style", selector: c.selector, css: c.css };
    case "redirect":
      return { type: "redirect", url: c.url };
    case "track":
    case "view":
      return null;
  }
}

/**
 * Whether `existing` is the same edit as `next` on the same element, stage, branch and page, so the new one replaces
 * it instead of stacking: editing a headline twice leaves one action. Inserts always add (two banners are two).
 */
function supersedes(existing: DraftAction, next: DraftAction): boolean {
  if (existing.type !== next.type || next.type === "insert") return false;
  const e = existing as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  if (!String(e.id ?? "").startsWith("ed-")) return false; // only the editor's own actions: hand-written ones stay
  const keys = ["selector", "stage", "branch", "when", ...(next.type === "set_attribute" ? ["name"] : [])];
  if (next.type === "replace" && "text" in e !== "text" in n) return false;
  return keys.every((k) => same(e[k], n[k]));
}

/**
 * The journey with `change` written into it, for `target`'s stage and branch. Pure: the input is not modified.
 * Page changes become actions (scoped to the page's path unless asked otherwise); "clicks count as event X" and
 * "viewing URLs like this counts as event X" become tracking rules, the event added to the journey's goals when asked.
 *
 * Example: a text change on `h1` in stage "test", branch "variant" adds
 * `{ id: "ed-1", type: "replace", selector: "h1", text: "...", stage: "test", branch: "variant",
 *    when: [{ type: "path", glob: "/pricing" }] }`.
 */
export function applyChange(
  journey: DraftJourney,
  target: EditTarget,
  change: EditorChange,
  ctx: ChangeContext,
): DraftJourney {
  const actions = [...(journey.actions ?? [])];
  const track = [...(journey.track ?? [])];
  if (change.kind === "track" || change.kind === "view") {
    const rule =
      change.kind === "track"
        ? { on: "click" as const, selector: change.selector, event: change.event }
        : { on: "view" as const, url: change.url, event: change.event };
    const where = (r: { on: string; selector?: string; url?: string }) => (r.on === "click" ? r.selector : r.url);
    const kept = track.filter((r) => !(r.on === rule.on && r.event === rule.event && where(r) === where(rule)));
    const goals = journey.goals ?? [];
    return {
      ...journey,
      track: [...kept, { ...rule, id: nextId(kept.map((r) => r.id)) }],
      ...(change.goal && !goals.includes(change.event) ? { goals: [...goals, change.event] } : {}),
    };
  }
  const body = actionOf(change)!;
  const scoped = {
    ...body,
    ...(target.stage ? { stage: target.stage } : {}),
    ...(target.branch ? { branch: target.branch } : {}),
    ...(ctx.thisPageOnly || change.kind === "redirect"
      ? { when: [{ type: "path" as const, glob: pathGlob(ctx.path) }] }
      : {}),
  } as DraftAction;
  const at = actions.findIndex((a) => supersedes(a, scoped));
  if (at !== -1) {
    actions[at] = { ...scoped, id: actions[at]!.id } as DraftAction;
  } else {
    actions.push({ ...scoped, id: nextId(actions.map((a) => a.id)) } as DraftAction);
  }
  return { ...journey, actions };
}
