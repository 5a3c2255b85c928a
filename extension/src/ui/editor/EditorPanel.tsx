import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { journeyIdFrom } from "../../editor/ab-test-journey.ts";
import type { JourneySummary } from "../../messaging/protocol.ts";
import { ChangeForm } from "./ChangeForm.tsx";
import {
  applyToDraft,
  busy,
  createAbTest,
  editing,
  history,
  listenForSelections,
  moveSelection,
  redoEdit,
  resumeAfterReload,
  selectBySelector,
  selection,
  startEditing,
  status,
  stopEditing,
  target,
  undoEdit,
} from "./editor-session.ts";

function value(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

/** Where changes land: an existing journey's draft (stage, branch), or a new "A/B test this element" journey. */
function TargetPicker({ tabId, journeys }: { tabId: number; journeys: JourneySummary[] }) {
  const t = target.value;
  const j = journeys.find((x) => x.id === t?.journey);
  const label = selection.value?.text.slice(0, 40) || selection.value?.selector || "element";
  const abName = useSignal("");
  const name = abName.value || `A/B test: ${label}`;
  const pick = (journey: string) => {
    const next = journeys.find((x) => x.id === journey);
    target.value = next ? { journey, stage: next.stages.find((s) => !s.exit)?.id, branch: next.branches[0]?.id } : null;
  };
  return (
    <div class="stack" data-testid="editor-target">
      <h3>Changes go to</h3>
      <div class="row">
        <select data-testid="editor-journey" value={t?.journey ?? ""} onChange={(e) => pick(value(e))}>
          <option value="">choose a journey draft…</option>
          {journeys.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.id})
            </option>
          ))}
        </select>
        {j && (
          <>
            <select
              data-testid="editor-stage"
              value={t?.stage ?? ""}
              onChange={(e) => (target.value = { ...t!, stage: value(e) || undefined })}
            >
              {j.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name ?? s.id}
                </option>
              ))}
            </select>
            <select
              data-testid="editor-branch"
              value={t?.branch ?? ""}
              onChange={(e) => (target.value = { ...t!, branch: value(e) || undefined })}
            >
              {j.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name ?? b.id}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {selection.value && !selection.value.waymark && (
        <div class="row">
          <input
            data-testid="editor-ab-name"
            placeholder={name}
            value={abName.value}
            onInput={(e) => (abName.value = value(e))}
          />
          <button
            disabled={busy.value}
            data-testid="editor-ab-create"
            onClick={() => void createAbTest(tabId, journeyIdFrom(abName.value || label), name)}
          >
            A/B test this element
          </button>
        </div>
      )}
    </div>
  );
}

/** The selected element: its selector, how many elements it matches here, and moves to its relatives. */
function SelectionCard({ tabId }: { tabId: number }) {
  const sel = selection.value;
  const typed = useSignal("");
  useEffect(() => {
    typed.value = sel?.selector ?? "";
  }, [sel?.selector]);
  if (!sel) return <div class="muted">Hover the page and click an element (arrow keys: parent, child, siblings).</div>;
  const unique = sel.matches === 1;
  return (
    <div class="card stack" data-testid="editor-selection">
      <div class="row">
        <code data-testid="editor-selector">{sel.selector || `<${sel.tag}>`}</code>
        <span class="spacer" />
        <span class={`chip ${unique ? "ok" : "warn"}`} data-testid="editor-matches" data-count={sel.matches}>
          {sel.matches} match{sel.matches === 1 ? "" : "es"}
        </span>
      </div>
      {sel.waymark && (
        <div class="banner error" data-testid="editor-waymark-warning">
          This is content Waymark inserted: change it in the journey that inserts it.
        </div>
      )}
      {!sel.waymark && !unique && (
        <div class="banner" data-testid="editor-warning">
          {sel.matches === 0
            ? "This selector matches nothing on this page."
            : `Not unique: this selector matches ${sel.matches} elements here, and a change applies to each (an insert to the first).`}
        </div>
      )}
      <div class="row">
        {(["parent", "child", "prev", "next"] as const).map((to) => (
          <button key={to} class="small" data-testid={`editor-${to}`} onClick={() => void moveSelection(tabId, to)}>
            {to}
          </button>
        ))}
      </div>
      <div class="row">
        <input
          class="mono"
          data-testid="editor-selector-input"
          value={typed.value}
          onInput={(e) => (typed.value = value(e))}
        />
        <button
          class="small"
          data-testid="editor-selector-test"
          onClick={() => void selectBySelector(tabId, typed.value)}
        >
          Test
        </button>
      </div>
      <div class="muted">
        &lt;{sel.tag}&gt; {sel.text.slice(0, 120)}
      </div>
    </div>
  );
}

/** Editor mode: pick an element on the page, change it, and see the edge's answer; every change is a draft edit. */
export function EditorPanel({
  tabId,
  reloads,
  journeys,
}: {
  tabId: number;
  reloads: number;
  journeys: JourneySummary[] | null;
}) {
  useEffect(() => listenForSelections(() => tabId), [tabId]);
  useEffect(() => void resumeAfterReload(tabId), [reloads, tabId]);
  const sel = selection.value;
  const h = history.value;
  return (
    <div class="stack" data-testid="editor">
      <div class="row">
        <h2>Visual editor</h2>
        <span class="spacer" />
        <button
          class={editing.value ? "" : "primary"}
          data-testid="editor-toggle"
          data-on={editing.value ? "true" : "false"}
          onClick={() => void (editing.value ? stopEditing(tabId) : startEditing(tabId))}
        >
          {editing.value ? "Stop editing" : "Edit this page"}
        </button>
      </div>
      <div class="muted">
        Changes are saved to journey drafts and previewed here; nothing is published from the editor.
      </div>
      {status.value && (
        <div
          class={`banner ${status.value.kind === "error" ? "error" : ""}`}
          data-testid="editor-status"
          data-kind={status.value.kind}
        >
          {status.value.text}
        </div>
      )}
      {editing.value && <SelectionCard tabId={tabId} />}
      {editing.value && journeys && <TargetPicker tabId={tabId} journeys={journeys} />}
      {editing.value && sel && !sel.waymark && sel.selector && (
        <ChangeForm sel={sel} busy={busy.value} onApply={(c, only) => void applyToDraft(tabId, c, only)} />
      )}
      <div class="row">
        <button disabled={busy.value || !h.done.length} data-testid="editor-undo" onClick={() => void undoEdit(tabId)}>
          Undo
        </button>
        <button
          disabled={busy.value || !h.undone.length}
          data-testid="editor-redo"
          onClick={() => void redoEdit(tabId)}
        >
          Redo
        </button>
        {busy.value && (
          <span class="muted" data-testid="editor-busy">
            saving and reloading…
          </span>
        )}
      </div>
      {h.done.length > 0 && (
        <ol class="list" data-testid="editor-history">
          {h.done.map((e, i) => (
            <li key={i}>
              <b>{e.journey}</b> · {e.label}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
