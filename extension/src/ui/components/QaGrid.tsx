import { useEffect, useState } from "preact/hooks";
import { qaSummary } from "../../lib/qa-cells.ts";
import { sendMessage } from "../../messaging/send-message.ts";
import type { QaCell, QaRun } from "../../storage/schemas.ts";

function Cell({ cell, running }: { cell: QaCell; running: boolean }) {
  const mark = (verdict: "pass" | "fail" | null) =>
    void sendMessage("qa.mark", { stage: cell.stage, branch: cell.branch, verdict });
  // What the marketer is typing, kept until the stored run has caught up with it: a storage update arriving
  // meanwhile (their own pass/fail click, the walk capturing other cells) must not wipe the text being typed.
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => {
    if (draft !== null && cell.note === draft) setDraft(null);
  }, [cell.note, draft]);
  return (
    <div
      class={`qa-cell ${cell.verdict ?? ""}`}
      data-testid={`qa-cell-${cell.stage}-${cell.branch}`}
      data-state={cell.state}
    >
      {cell.screenshot ? (
        <a href={cell.screenshot} target="_blank" rel="noreferrer" title="Open full size">
          <img src={cell.screenshot} alt={`${cell.stage} / ${cell.branch}`} />
        </a>
      ) : (
        <div class="noshot">{cell.state === "pending" ? (running ? "waiting…" : "not captured") : cell.error}</div>
      )}
      <div class="body">
        <div class="row">
          <b>{cell.stage}</b> / <b>{cell.branch}</b>
          <span class="spacer" />
          {cell.outcome && (
            <span
              class={`chip ${cell.outcome === "preview" ? "accent" : "warn"}`}
              title="X-Waymark of the captured load"
            >
              {cell.outcome}
            </span>
          )}
          {cell.savedId && <span class="chip ok">saved</span>}
        </div>
        <div class="row verdict">
          <button
            class={`small pass${cell.verdict === "pass" ? " on" : ""}`}
            onClick={() => mark(cell.verdict === "pass" ? null : "pass")}
          >
            Pass
          </button>
          <button
            class={`small fail${cell.verdict === "fail" ? " on" : ""}`}
            onClick={() => mark(cell.verdict === "fail" ? null : "fail")}
          >
            Fail
          </button>
        </div>
        <textarea
          placeholder="Note"
          value={draft ?? cell.note}
          aria-label={`Note for ${cell.stage} / ${cell.branch}`}
          onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
          onChange={(e) =>
            void sendMessage("qa.mark", {
              stage: cell.stage,
              branch: cell.branch,
              note: (e.target as HTMLTextAreaElement).value,
            })
          }
        />
      </div>
    </div>
  );
}

/** The screenshots of a QA run, one per stage x branch, each marked pass or fail with a note. */
export function QaGrid({ run }: { run: QaRun }) {
  const s = qaSummary(run.cells);
  const captured = run.cells.filter((c) => c.state !== "pending").length;
  return (
    <div class="stack" data-testid="qa-grid" data-run-state={run.state}>
      <div class="row">
        <h3>
          {run.journeyName} <span class="muted">({run.version === "draft" ? "draft" : `v${run.version}`})</span>
        </h3>
        <span class="spacer" />
        <span class={`chip ${run.state === "done" ? "ok" : run.state === "running" ? "accent" : "warn"}`}>
          {run.state === "running" ? `capturing ${captured}/${run.cells.length}` : run.state}
        </span>
      </div>
      <div class="muted">
        {run.url} · {s.pass} pass · {s.fail} fail · {s.unmarked} to review
      </div>
      {run.error && <div class="banner error">{run.error}</div>}
      <div class="qa-grid">
        {run.cells.map((c) => (
          <Cell key={`${c.stage}/${c.branch}`} cell={c} running={run.state === "running"} />
        ))}
      </div>
    </div>
  );
}
