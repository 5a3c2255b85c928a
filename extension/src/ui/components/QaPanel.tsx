import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { browser } from "wxt/browser";
import { renderQaReport } from "../../lib/qa-report.ts";
import { sendMessage } from "../../messaging/send-message.ts";
import type { JourneySummary } from "../../messaging/protocol.ts";
import { qaRunItem } from "../../storage/items.ts";
import type { QaRun } from "../../storage/schemas.ts";
import { QaGrid } from "./QaGrid.tsx";

/** Downloads the run as one self-contained HTML file. */
function exportReport(run: QaRun): void {
  const html = renderQaReport(run, new Date());
  const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `waymark-qa-${run.journey}-${new Date(run.startedAt).toISOString().slice(0, 16).replace(/[:T]/g, "-")}.html`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The latest QA run, kept current as the background walks through it. */
export function useQaRun() {
  const run = useSignal<QaRun | null>(null);
  useEffect(() => {
    void qaRunItem.get().then((r) => (run.value = r));
    return qaRunItem.watch((r) => (run.value = r));
  }, []);
  return run;
}

/** QA run: walk every stage x branch of a journey, capture each, and review the grid. */
export function QaPanel({
  tabId,
  journeys,
  standalone = false,
}: {
  tabId: number | null;
  journeys: JourneySummary[] | null;
  standalone?: boolean;
}) {
  const run = useQaRun();
  const journey = useSignal<string>("");
  const version = useSignal<"draft" | number>("draft");
  const error = useSignal<string | null>(null);
  const note = useSignal<string | null>(null);
  const selected = journeys?.find((j) => j.id === (journey.value || journeys[0]?.id));
  const act = async (fn: () => Promise<string | null>) => {
    error.value = null;
    try {
      note.value = await fn();
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  };
  const r = run.value;
  return (
    <div class="stack" data-testid="qa">
      {!standalone && tabId !== null && journeys && journeys.length > 0 && (
        <div class="stack">
          <h2>QA run</h2>
          <div class="row">
            <select
              aria-label="Journey"
              value={selected?.id}
              onChange={(e) => (journey.value = (e.target as HTMLSelectElement).value)}
            >
              {journeys.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.name}
                </option>
              ))}
            </select>
            <select
              aria-label="QA version"
              value={String(version.value)}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                version.value = v === "draft" ? "draft" : Number(v);
              }}
            >
              <option value="draft">Draft</option>
              {selected?.publishedVersion != null && (
                <option value={String(selected.publishedVersion)}>Live v{selected.publishedVersion}</option>
              )}
            </select>
            <button
              class="primary"
              data-testid="qa-start"
              disabled={!selected || r?.state === "running"}
              onClick={() =>
                void act(async () => {
                  await sendMessage("qa.start", { tabId, journey: selected!.id, version: version.value });
                  return null;
                })
              }
            >
              Run QA
            </button>
          </div>
          {selected && (
            <div class="muted">
              {selected.stages.length} stages × {selected.branches.length} branches ={" "}
              {selected.stages.length * selected.branches.length} screenshots of this page. Keep this tab in front while
              it runs.
            </div>
          )}
        </div>
      )}
      {r && (
        <>
          <div class="row">
            {r.state === "running" && (
              <button
                class="danger"
                onClick={() => void act(async () => (await sendMessage("qa.cancel", {}), "Cancelled"))}
              >
                Cancel
              </button>
            )}
            <button
              data-testid="qa-save"
              disabled={r.state === "running" || !r.cells.some((c) => c.verdict && !c.savedId)}
              onClick={() =>
                void act(async () => `Saved ${(await sendMessage("qa.save", {})).saved} result(s) to Waymark`)
              }
            >
              Save results to Waymark
            </button>
            <button data-testid="qa-export" disabled={r.state === "running"} onClick={() => exportReport(r)}>
              Export HTML report
            </button>
            {!standalone && (
              <button onClick={() => void browser.tabs.create({ url: browser.runtime.getURL("/qa.html") })}>
                Open grid in a tab
              </button>
            )}
          </div>
          {note.value && (
            <div class="banner" data-testid="qa-note">
              {note.value}
            </div>
          )}
          <QaGrid run={r} />
        </>
      )}
      {error.value && <div class="banner error">{error.value}</div>}
    </div>
  );
}
