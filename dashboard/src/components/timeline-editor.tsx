import { BUILTIN_EVENTS } from "@waymark/shared";
import { moved, without } from "../lib/set-in.ts";
import { newStep, type StepKind, type TimelineStep } from "../lib/timeline.ts";
import { TimelineStepRow } from "./timeline-step-row.tsx";

/** The visitor's timeline: page views, events and waits, in order. */
export function TimelineEditor({
  steps,
  onChange,
}: {
  steps: TimelineStep[];
  onChange: (steps: TimelineStep[]) => void;
}) {
  const add = (kind: StepKind) => onChange([...steps, newStep(kind)]);
  return (
    <div class="timeline">
      <datalist id="builtin-events">
        {BUILTIN_EVENTS.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <ol class="rows">
        {steps.map((s, i) => (
          <TimelineStepRow
            key={i}
            index={i}
            step={s}
            count={steps.length}
            onChange={(next) => onChange(steps.map((x, k) => (k === i ? next : x)))}
            onMove={(d) => onChange(moved(steps, i, d))}
            onRemove={() => onChange(without(steps, i) ?? [])}
          />
        ))}
      </ol>
      <div class="add-row">
        <button type="button" class="btn small" onClick={() => add("page")}>
          Add page view
        </button>
        <button type="button" class="btn small" onClick={() => add("event")}>
          Add event
        </button>
        <button type="button" class="btn small" onClick={() => add("wait")}>
          Add wait
        </button>
      </div>
    </div>
  );
}
