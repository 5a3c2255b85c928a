import type { Journey } from "@waymark/shared";
import { useEffect, useRef, useState } from "preact/hooks";
import { usePoll } from "../hooks/use-poll.ts";
import { useResource } from "../hooks/use-resource.ts";
import { dateTime } from "../lib/format.ts";
import { addStage, addStageAction, addTransition, deleteEdge, deleteStage } from "../lib/map-edits.ts";
import type { MapSelection } from "../lib/map-selection.ts";
import { periodRange } from "../lib/period.ts";
import { period } from "../state.ts";
import { useEditor } from "./editor-context.ts";
import { JourneyMap, type MapEditing } from "./journey-map.tsx";
import { MapEdgePanel } from "./map-edge-panel.tsx";
import { focusFormField } from "./map-form-link.ts";
import { MapStagePanel } from "./map-stage-panel.tsx";
import { MapTable } from "./map-table.tsx";
import { MapTransitionDialog } from "./map-transition-dialog.tsx";
import { PeriodPicker } from "./period-picker.tsx";

type Draft = Record<string, unknown>;
type Row = Record<string, unknown>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * The journey map as the editor of the journey's shape, on the draft the form below edits (one state): add stages,
 * draw transitions, select a stage or an arrow to edit it, delete with the keyboard. Live counts stay on it.
 */
export function MapEditor({ id }: { id: string }) {
  const ed = useEditor();
  const range = periodRange(period.value, Date.now());
  const res = useResource(
    async (c) => ({ stats: await c.stats(id, range).catch(() => null), at: Date.now() }),
    `${id}:${range.from}:${range.to}`,
  );
  usePoll(() => void res.reload(), 5_000);
  const stats = res.data?.stats ?? null;

  const [selected, setSelected] = useState<MapSelection | null>(null);
  const [connect, setConnect] = useState<{ from: string; to?: string } | null>(null);
  const [status, setStatus] = useState<{ text: string; undo?: Draft } | null>(null);
  // Where focus goes once the edit is rendered (a selector, or a function for the form's fields).
  const focusNext = useRef<string | (() => void) | null>(null);
  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    if (typeof next === "function") next();
    else (document.querySelector(next) as HTMLElement | null)?.focus();
  });

  const stages = (ed.draft.stages as Row[] | undefined) ?? [];
  const transitions = (ed.draft.transitions as Row[] | undefined) ?? [];
  const stageIndex = selected?.kind === "stage" ? stages.findIndex((s) => s?.id === selected.id) : -1;
  const edge = selected?.kind === "edge" && transitions[selected.transition] ? selected : null;
  const replace = (next: Draft) => ed.set([], next);
  const stageSel = (sid: string) => `g.node[data-stage="${CSS.escape(sid)}"]`;

  const newStage = () => {
    const r = addStage(ed.draft);
    replace(r.draft);
    setSelected({ kind: "stage", id: r.id });
    setStatus({ text: `Stage ${r.id} added: give it an id and a name.` });
    focusNext.current = "#map-stage-id";
  };
  const remove = (s: MapSelection) => {
    const before = ed.draft;
    if (s.kind === "stage") {
      const r = deleteStage(before, s.id);
      if (r.draft === before) return;
      const gone = [
        r.removed.transitions && plural(r.removed.transitions, "transition"),
        r.removed.actions && plural(r.removed.actions, "action"),
        r.removed.webhooks && plural(r.removed.webhooks, "webhook"),
      ].filter(Boolean);
      replace(r.draft);
      setStatus({ text: `Stage ${s.id} deleted${gone.length ? `, with ${gone.join(" and ")}` : ""}.`, undo: before });
    } else {
      const t = transitions[s.transition];
      replace(deleteEdge(before, s.transition, s.from));
      setStatus({
        text: `Transition from ${s.from === "*" ? "any stage" : s.from} to ${String(t?.to)} deleted.`,
        undo: before,
      });
    }
    setSelected(null);
    // Keyboard users stay on the map: on the arrow's source stage, else the first stage left, else "Add stage".
    const places = [s.kind === "edge" && s.from !== "*" ? stageSel(s.from) : "", "svg g.node.stage", "#map-add-stage"];
    focusNext.current = () => {
      for (const q of places.filter(Boolean)) {
        const el = document.querySelector(q) as HTMLElement | SVGElement | null;
        if (el) return el.focus();
      }
    };
  };
  const edit: MapEditing = {
    selected,
    select: (s) => {
      setSelected(s);
      if (!s) setConnect(null);
    },
    connect: (from, to) => setConnect({ from, to }),
    startConnect: (from) => setConnect({ from }),
    remove,
    addStage: newStage,
    helpId: "map-keys",
  };

  return (
    <section class="card map-editor" aria-labelledby="map-title">
      <header class="section-head">
        <h2 id="map-title">Map</h2>
        <div class="map-toolbar">
          <button type="button" id="map-add-stage" class="btn small" onClick={newStage}>
            Add stage
          </button>
          <PeriodPicker />
        </div>
      </header>
      <p class="hint" id="map-keys">
        Drag from one stage to another to add a transition; click a stage or an arrow to edit it; double-click the
        canvas to add a stage. Keys: Tab to a stage or arrow, Enter selects it, T adds a transition from the stage,
        Delete removes, Esc cancels.
      </p>
      {!stats && <p class="hint">No figures yet for this journey.</p>}
      <JourneyMap journey={ed.draft} stats={stats} edit={edit} />
      <p class="muted small" aria-live="off">
        Draft shown, as edited; counts {range.from} to {range.to}
        {res.data ? `, updated ${dateTime(res.data.at)}` : ""}.
      </p>
      <div class="map-status" role="status">
        {status && (
          <>
            {status.text}{" "}
            {status.undo && (
              <button
                type="button"
                class="btn small ghost"
                onClick={() => {
                  replace(status.undo!);
                  setStatus({ text: "Undone." });
                }}
              >
                Undo
              </button>
            )}
          </>
        )}
      </div>
      {stageIndex >= 0 && selected?.kind === "stage" && (
        <MapStagePanel
          key={`s${stageIndex}`}
          index={stageIndex}
          onRenamed={(to) => setSelected({ kind: "stage", id: to })}
          onConnect={() => setConnect({ from: selected.id })}
          onDelete={() => remove(selected)}
          onAddAction={(action) => {
            const r = addStageAction(ed.draft, selected.id, action);
            replace(r.draft);
            setStatus({ text: `Action added to ${selected.id}: its details are in the form.` });
            // The new action's card in the form, once it is rendered.
            focusNext.current = () => focusFormField(`actions.${r.index}`);
          }}
        />
      )}
      {edge && (
        <MapEdgePanel
          key={`t${edge.transition}`}
          index={edge.transition}
          from={edge.from}
          onDelete={() => remove(edge)}
        />
      )}
      {connect && (
        <MapTransitionDialog
          from={connect.from}
          to={connect.to}
          stageIds={stages.map((s) => s?.id).filter((x): x is string => typeof x === "string")}
          onCancel={() => {
            setConnect(null);
            focusNext.current = connect.from === "*" ? "#map-add-stage" : stageSel(connect.from);
          }}
          onAdd={(to, trigger) => {
            const r = addTransition(ed.draft, connect.from, to, trigger);
            replace(r.draft);
            setConnect(null);
            setSelected({ kind: "edge", transition: r.index, from: connect.from });
            setStatus({ text: `Transition from ${connect.from === "*" ? "any stage" : connect.from} to ${to} added.` });
            focusNext.current = `g.edge[data-transition="${r.index}"]`;
          }}
        />
      )}
      <h3>Figures</h3>
      <MapTable journey={{ ...ed.draft, stages } as unknown as Journey} stats={stats} />
    </section>
  );
}
