import { BUILTIN_EVENTS, Duration, EventType } from "@waymark/shared";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Trigger } from "../lib/map-edits.ts";
import { SelectField } from "./select-field.tsx";
import { TextField } from "./text-field.tsx";

const stageName = (id: string) => (id === "*" ? "any stage" : id);

/**
 * The question after a transition is drawn on the map (or asked for with the keyboard): to which stage, and on an
 * event or after a delay. A modal dialog: focus stays in it, Esc cancels.
 */
export function MapTransitionDialog(p: {
  from: string;
  to?: string;
  stageIds: readonly string[];
  onAdd: (to: string, trigger: Trigger) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const targets = p.stageIds.filter((s) => s !== p.from);
  const [to, setTo] = useState(p.to ?? targets[0] ?? "");
  const [kind, setKind] = useState<"on" | "after">("on");
  const [on, setOn] = useState("add_to_cart");
  const [after, setAfter] = useState("30m");
  const [tried, setTried] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
    // The first thing to decide: the target when it is to be chosen, else how the visitor moves.
    (
      dialog.current?.querySelector(p.to ? "input[name=map-tr-kind]:checked" : "#map-tr-to") as HTMLElement | null
    )?.focus();
  }, []);
  const check = kind === "on" ? EventType.safeParse(on) : Duration.safeParse(after);
  const error = check.success ? undefined : [check.error.issues[0]?.message ?? "not valid"];
  const submit = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (!check.success || !to) return;
    p.onAdd(to, kind === "on" ? { on } : { after });
  };
  return (
    <dialog
      ref={dialog}
      class="map-dialog"
      aria-labelledby="map-tr-title"
      onCancel={(e) => {
        e.preventDefault();
        p.onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="map-tr-title">New transition from {stageName(p.from)}</h2>
        {targets.length === 0 ? (
          <p class="hint">Add another stage first: a transition leads to a different stage.</p>
        ) : (
          <SelectField
            id="map-tr-to"
            label="To stage"
            value={to}
            options={targets.map((s) => ({ value: s, label: s }))}
            onChange={setTo}
          />
        )}
        <fieldset class="map-tr-kind">
          <legend>Visitors move</legend>
          <label>
            <input
              type="radio"
              name="map-tr-kind"
              id="map-tr-kind-on"
              checked={kind === "on"}
              onChange={() => setKind("on")}
            />{" "}
            on an event
          </label>
          <label>
            <input
              type="radio"
              name="map-tr-kind"
              id="map-tr-kind-after"
              checked={kind === "after"}
              onChange={() => setKind("after")}
            />{" "}
            after a delay in the stage
          </label>
        </fieldset>
        <datalist id="map-events">
          {BUILTIN_EVENTS.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        {kind === "on" ? (
          <TextField
            id="map-tr-on"
            label="Event"
            value={on}
            list="map-events"
            hint="e.g. add_to_cart, purchase, or an event of your own"
            errors={tried || on ? error : undefined}
            onInput={setOn}
          />
        ) : (
          <TextField
            id="map-tr-after"
            label="Delay"
            value={after}
            hint="e.g. 45s, 30m, 2h, 7d"
            errors={tried || after ? error : undefined}
            onInput={setAfter}
          />
        )}
        <div class="buttons">
          <button type="button" class="btn ghost" onClick={p.onCancel}>
            Cancel
          </button>
          <button type="submit" class="btn primary" disabled={targets.length === 0}>
            Add transition
          </button>
        </div>
      </form>
    </dialog>
  );
}
