import { signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { abTestJourney, AB_STAGE, AB_VARIANT } from "../../editor/ab-test-journey.ts";
import { applyChange, type DraftJourney } from "../../editor/apply-change.ts";
import { describeChange, type EditorChange, type EditTarget } from "../../editor/editor-change.ts";
import { emptyHistory, record, redo, undo, type EditHistory } from "../../editor/edit-history.ts";
import {
  SelectedNotice,
  type EditorPageMessage,
  type EditorSelection,
  type SelectionMove,
} from "../../messaging/editor-protocol.ts";
import { sendMessage } from "../../messaging/send-message.ts";
import { refreshJourneys } from "../state/panel-state.ts";

/** The editing session of the side panel: what is selected, where changes land, and what can be undone. */
export const editing = signal(false);
export const selection = signal<EditorSelection | null>(null);
export const target = signal<EditTarget | null>(null);
export const history = signal<EditHistory>(emptyHistory);
export const busy = signal(false);
export const status = signal<{ kind: "saved" | "error" | "info"; text: string } | null>(null);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function page(tabId: number, m: EditorPageMessage): Promise<void> {
  const reply = await sendMessage("editor.page", { tabId, message: m });
  selection.value = reply.selection;
  if (reply.error) status.value = { kind: "error", text: reply.error };
}

/** Follows clicks on the page: the editor script broadcasts each selection; only this tab's count. */
export function listenForSelections(tabId: () => number | null): () => void {
  const onMessage = (m: unknown, sender: { id?: string; tab?: { id?: number } }) => {
    if (sender.id !== browser.runtime.id || sender.tab?.id !== tabId()) return;
    const parsed = SelectedNotice.safeParse(m);
    if (parsed.success) selection.value = parsed.data.selection;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

async function run(fn: () => Promise<string | null>): Promise<boolean> {
  busy.value = true;
  try {
    const text = await fn();
    if (text) status.value = { kind: "saved", text };
    return true;
  } catch (err) {
    status.value = { kind: "error", text: message(err) };
    return false;
  } finally {
    busy.value = false;
  }
}

export async function startEditing(tabId: number): Promise<void> {
  await run(async () => {
    await page(tabId, {
      type: "wm.editor.start",
      ...(selection.value?.selector ? { selector: selection.value.selector } : {}),
    });
    editing.value = true;
    return null;
  });
}

export async function stopEditing(tabId: number): Promise<void> {
  await run(async () => {
    await page(tabId, { type: "wm.editor.stop" });
    editing.value = false;
    return null;
  });
}

/** After a reload (each change reloads the tab), the editor script is gone: inject it again, same selection. */
export async function resumeAfterReload(tabId: number): Promise<void> {
  if (!editing.value) return;
  const selector = selection.value?.selector;
  try {
    await page(tabId, { type: "wm.editor.start", ...(selector ? { selector } : {}) });
  } catch {
    /* the page is not scriptable (error page): the marketer can start again */
  }
}

export const moveSelection = (tabId: number, to: SelectionMove) =>
  run(async () => (await page(tabId, { type: "wm.editor.move", to }), null));
export const selectBySelector = (tabId: number, selector: string) =>
  run(async () => (await page(tabId, { type: "wm.editor.select", selector }), null));

function previewOf(t: EditTarget) {
  return { ...(t.stage ? { stage: t.stage } : {}), ...(t.branch ? { branch: t.branch } : {}) };
}

/**
 * Writes `change` into the target journey's draft (read fresh, so edits made elsewhere meanwhile are kept), saves it
 * through the admin API and previews it on the tab; the edit joins the undo history.
 */
export async function applyToDraft(tabId: number, change: EditorChange, thisPageOnly: boolean): Promise<boolean> {
  const t = target.value;
  const sel = selection.value;
  if (!t) {
    status.value = { kind: "error", text: "choose the journey, stage and branch the change goes to" };
    return false;
  }
  return run(async () => {
    const rec = await sendMessage("editor.draft", { tabId, journey: t.journey });
    const before = rec.journey as DraftJourney;
    const after = applyChange(before, t, change, { path: sel?.path ?? "/", thisPageOnly });
    await sendMessage("editor.save", { tabId, journey: t.journey, draft: after, ...previewOf(t), optimistic: change });
    history.value = record(history.value, { label: describeChange(change), journey: t.journey, before, after });
    return `Saved to the draft of ${t.journey} (${[t.stage, t.branch].filter(Boolean).join(" / ")}): the page shows the edge's preview`;
  });
}

/** "A/B test this element": a new draft journey (one stage, control / variant, a holdout); changes go to the variant. */
export async function createAbTest(tabId: number, id: string, name: string): Promise<boolean> {
  const draft = abTestJourney({ id, name });
  const ok = await run(async () => {
    await sendMessage("editor.save", { tabId, journey: id, draft, stage: AB_STAGE, branch: AB_VARIANT });
    history.value = record(history.value, { label: `create ${id}`, journey: id, before: null, after: draft });
    target.value = { journey: id, stage: AB_STAGE, branch: AB_VARIANT };
    return `Created the draft ${id}: changes now go to its variant branch`;
  });
  if (ok) await refreshJourneys();
  return ok;
}

async function restoreFrom(tabId: number, step: typeof undo, verb: string): Promise<void> {
  const next = step(history.value);
  if (!next) return;
  const t = target.value;
  const { journey, draft } = next.restore;
  const ok = await run(async () => {
    await sendMessage("editor.save", {
      tabId,
      journey,
      draft,
      ...(t && t.journey === journey ? previewOf(t) : {}),
    });
    history.value = next.history;
    return draft ? `${verb}: the draft of ${journey} is back as it was` : `${verb}: the draft ${journey} is deleted`;
  });
  if (ok && !draft && target.value?.journey === journey) target.value = null;
  if (ok) await refreshJourneys(); // a journey may have been deleted or created again
}

export const undoEdit = (tabId: number) => restoreFrom(tabId, undo, "Undone");
export const redoEdit = (tabId: number) => restoreFrom(tabId, redo, "Redone");
