import { browser } from "wxt/browser";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { cellKey, qaCells } from "../lib/qa-cells.ts";
import { qaRunItem } from "../storage/items.ts";
import type { QaCell, QaRun } from "../storage/schemas.ts";
import { BackgroundError } from "./background-error.ts";
import { CapturePermissionError, captureTab, MAX_SCREENSHOT_CHARS } from "./capture-tab.ts";
import type { BackgroundDeps } from "./deps.ts";
import { applyPreview, issuePreview, stopPreview } from "./preview-session.ts";
import { serialize } from "./serialize.ts";
import { clientFor, requireSite, siteForUrl } from "./sites.ts";
import { reloadAndWait, settleForCapture } from "./tab-load.ts";
import { tabPage } from "./tab-pages.ts";

/** Read-modify-write of the stored run, one at a time (the walk and the marketer's marks interleave). */
function updateRun(fn: (run: QaRun | null) => QaRun | null): Promise<QaRun | null> {
  return serialize("qaRun", async () => {
    const next = fn(await qaRunItem.get());
    if (next) await qaRunItem.set(next);
    return next;
  });
}

function updateCell(runId: string, key: string, patch: Partial<QaCell>): Promise<QaRun | null> {
  return updateRun((run) => {
    if (!run || run.id !== runId) return run;
    return { ...run, cells: run.cells.map((c) => (cellKey(c) === key ? { ...c, ...patch } : c)) };
  });
}

async function loadJourney(origin: string, id: string, version: "draft" | number, deps: BackgroundDeps) {
  const client = clientFor(await requireSite(origin), deps);
  if (version === "draft") return (await client.getJourney(id)).journey;
  const journey = (await client.getVersion(version)).journeys.find((j) => j.id === id);
  if (!journey) throw new BackgroundError(`version ${version} has no journey "${id}"`);
  return journey;
}

/**
 * Starts a QA run over every stage x branch of a journey on the tab's page and returns at once; the walk goes on in
 * the background, updating the stored run (the UI watches it).
 */
export async function startQaRun(
  tabId: number,
  journeyId: string,
  version: "draft" | number,
  deps: BackgroundDeps,
): Promise<QaRun> {
  const tab = await browser.tabs.get(tabId);
  const site = await siteForUrl(tab?.url);
  if (!tab?.url || !site) throw new BackgroundError("this tab is not on a configured Waymark site");
  const current = await qaRunItem.get();
  if (current?.state === "running") throw new BackgroundError("a QA run is already in progress");
  const journey = await loadJourney(site.origin, journeyId, version, deps);
  const run: QaRun = {
    id: `qa-${deps.now().toString(36)}`,
    origin: site.origin,
    journey: journey.id,
    journeyName: journey.name,
    version,
    tabId,
    url: tab.url,
    startedAt: deps.now(),
    state: "running",
    cells: qaCells(journey),
  };
  await updateRun(() => run);
  void walk(run, journey, deps).catch((err: unknown) =>
    updateRun((r) =>
      r && r.id === run.id ? { ...r, state: "failed", error: errorText(err), finishedAt: deps.now() } : r,
    ),
  );
  return run;
}

/** Force, reload, wait, capture: one cell after the other, stopping early if the run was cancelled. */
export async function walk(run: QaRun, journey: Journey, deps: BackgroundDeps): Promise<void> {
  try {
    for (const cell of run.cells) {
      const now = await qaRunItem.get();
      if (!now || now.id !== run.id || now.state !== "running") return;
      const key = cellKey(cell);
      try {
        const preview = await issuePreview(
          run.url,
          { journey: journey.id, stage: cell.stage, branch: cell.branch, version: run.version },
          deps,
        );
        await applyPreview(preview);
        await reloadAndWait(run.tabId, deps.loadTimeoutMs);
        await settleForCapture(run.tabId);
        const screenshot = await captureTab(run.tabId);
        const page = await tabPage(run.tabId);
        await updateCell(run.id, key, { state: "captured", screenshot, outcome: page?.outcome ?? null });
      } catch (err) {
        await updateCell(run.id, key, { state: "error", error: errorText(err) });
        // Not this cell's fault: every cell would fail alike. The run fails here, with the instruction.
        if (err instanceof CapturePermissionError) throw err;
      }
    }
    await updateRun((r) =>
      r && r.id === run.id && r.state === "running" ? { ...r, state: "done", finishedAt: deps.now() } : r,
    );
  } finally {
    // Back to normal browsing whatever happened: no preview header may outlive the run.
    await stopPreview({ tabId: run.tabId, reload: true });
  }
}

export async function cancelQaRun(now: number): Promise<null> {
  await updateRun((r) => (r && r.state === "running" ? { ...r, state: "cancelled", finishedAt: now } : r));
  return null;
}

/** The marketer's verdict and note on one cell; a changed cell must be saved again. */
export async function markQaCell(m: {
  stage: string;
  branch: string;
  verdict?: "pass" | "fail" | null;
  note?: string;
}): Promise<QaRun> {
  const run = await updateRun((r) => {
    if (!r) return r;
    const key = cellKey(m);
    return {
      ...r,
      cells: r.cells.map((c) => {
        if (cellKey(c) !== key) return c;
        const next: QaCell = { ...c, savedId: undefined };
        if (m.verdict !== undefined) next.verdict = m.verdict ?? undefined;
        if (m.note !== undefined) next.note = m.note;
        return next;
      }),
    };
  });
  if (!run) throw new BackgroundError("no QA run to mark");
  return run;
}

/** Saves every marked, not yet saved cell to Waymark (POST /__waymark/api/qa), screenshots included when they fit. */
export async function saveQaRun(deps: BackgroundDeps): Promise<{ saved: number }> {
  const run = await qaRunItem.get();
  if (!run) throw new BackgroundError("no QA run to save");
  const client = clientFor(await requireSite(run.origin), deps);
  let saved = 0;
  for (const cell of run.cells) {
    if (!cell.verdict || cell.savedId) continue;
    const result = await client.recordQa({
      journey: run.journey,
      stage: cell.stage,
      branch: cell.branch,
      status: cell.verdict,
      note: cell.note,
      version: run.version,
      ...(cell.screenshot && cell.screenshot.length <= MAX_SCREENSHOT_CHARS ? { screenshot: cell.screenshot } : {}),
    });
    await updateCell(run.id, cellKey(cell), { savedId: result.id });
    saved++;
  }
  return { saved };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
