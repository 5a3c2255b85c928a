import { browser } from "wxt/browser";
import type { JourneyRecord } from "@waymark/shared/schemas/api.ts";
import type { JourneyInput } from "@waymark/shared/schemas/journey.ts";
import type { EditorChange } from "../editor/editor-change.ts";
import { EditorPageReply, type EditorPageMessage } from "../messaging/editor-protocol.ts";
import type { ActivePreview } from "../storage/schemas.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";
import { applyPreview, issuePreview, stopPreview } from "./preview-session.ts";
import { clientFor, siteForUrl } from "./sites.ts";
import { reloadAndWait } from "./tab-load.ts";

/** Injects the editor script (once per document; it guards itself) into a tab of a configured site, then asks it. */
export async function tellEditor(tabId: number, message: EditorPageMessage): Promise<EditorPageReply> {
  const tab = await browser.tabs.get(tabId);
  if (!(await siteForUrl(tab?.url))) throw new BackgroundError("this tab is not on a configured Waymark site");
  await browser.scripting.executeScript({ target: { tabId }, files: ["/editor.js"] });
  const parsed = EditorPageReply.safeParse(await browser.tabs.sendMessage(tabId, message));
  if (!parsed.success) throw new BackgroundError("the page answered the editor with something unexpected");
  return parsed.data;
}

/** The full draft of one journey of the tab's site (the editor changes it and writes it back whole). */
export async function readDraft(tabId: number, journey: string, deps: BackgroundDeps): Promise<JourneyRecord> {
  const tab = await browser.tabs.get(tabId);
  const site = await siteForUrl(tab?.url);
  if (!site) throw new BackgroundError("this tab is not on a configured Waymark site");
  return clientFor(site, deps).getJourney(journey);
}

export interface SaveDraftRequest {
  /** The whole draft to write, or null to delete a journey the editing session created (undoing its creation). */
  draft: Record<string, unknown> | null;
  journey: string;
  /** What to preview afterwards: the draft, forced into this stage and branch. */
  stage?: string;
  branch?: string;
  /** Shown on the page at once, while the edge's answer loads. */
  optimistic?: EditorChange;
}

/**
 * Writes a draft through the admin API (which validates it: a refusal comes back with its issue paths and nothing
 * changes on the page), then shows the edge's answer: a preview token forcing the draft's stage and branch, the tab
 * reloaded under it. Nothing is published: visitors see nothing until the usual publish step.
 */
export async function saveDraft(
  tabId: number,
  req: SaveDraftRequest,
  deps: BackgroundDeps,
): Promise<{ record: JourneyRecord | null; preview: ActivePreview | null }> {
  const tab = await browser.tabs.get(tabId);
  const site = await siteForUrl(tab?.url);
  if (!site) throw new BackgroundError("this tab is not on a configured Waymark site");
  const client = clientFor(site, deps);
  if (req.draft === null) {
    await client.deleteJourney(req.journey);
    await stopPreview({ reload: false });
    await reloadAndWait(tabId, deps.loadTimeoutMs);
    return { record: null, preview: null };
  }
  if (req.draft.id !== req.journey) throw new BackgroundError("the draft's id is not the journey being edited");
  // Validated by the API against the same schema (400 with the issue paths); the extension does not second-guess it.
  const record = await client.putJourney(req.draft as unknown as JourneyInput);
  if (req.optimistic) await tellEditor(tabId, { type: "wm.editor.preview", change: req.optimistic }).catch(() => {});
  const preview = await issuePreview(
    tab?.url,
    {
      journey: req.journey,
      version: "draft",
      ...(req.stage ? { stage: req.stage } : {}),
      ...(req.branch ? { branch: req.branch } : {}),
    },
    deps,
  );
  await applyPreview(preview);
  await reloadAndWait(tabId, deps.loadTimeoutMs);
  return { record, preview };
}
