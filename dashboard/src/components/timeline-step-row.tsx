import { DeviceClass } from "@waymark/shared";
import { stepIssues, type TimelineStep } from "../lib/timeline.ts";
import { RowButtons } from "./row-buttons.tsx";
import { SelectField } from "./select-field.tsx";
import { TextField } from "./text-field.tsx";

const KIND_LABEL = { page: "Page view", event: "Event", wait: "Wait" } as const;

/** One step of the simulated visitor's timeline. */
export function TimelineStepRow(p: {
  index: number;
  step: TimelineStep;
  count: number;
  onChange: (step: TimelineStep) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { step, index: i } = p;
  const issues = stepIssues(step);
  const id = (f: string) => `step-${i}-${f}`;
  const err = (f: string) => (issues[f] ? [issues[f]!] : undefined);
  return (
    <li class={`row-item step step-${step.kind}`} data-step={i}>
      <div class="row">
        <span class="step-kind" aria-hidden="true">
          {i + 1}. {KIND_LABEL[step.kind]}
        </span>
        {step.kind === "page" && (
          <>
            <TextField
              id={id("path")}
              label="Path"
              value={step.path}
              errors={err("path")}
              onInput={(v) => p.onChange({ ...step, path: v })}
            />
            <SelectField
              id={id("device")}
              label="Device"
              value={step.device}
              options={DeviceClass.options.map((d) => ({ value: d, label: d }))}
              onChange={(v) => p.onChange({ ...step, device: v as DeviceClass })}
            />
            <TextField
              id={id("country")}
              label="Country"
              value={step.country}
              errors={err("country")}
              class="short"
              onInput={(v) => p.onChange({ ...step, country: v })}
            />
            <TextField
              id={id("referrer")}
              label="Referrer"
              value={step.referrer}
              placeholder="https://www.google.com/"
              onInput={(v) => p.onChange({ ...step, referrer: v })}
            />
          </>
        )}
        {step.kind === "event" && (
          <>
            <TextField
              id={id("type")}
              label="Event"
              value={step.type}
              list="builtin-events"
              errors={err("type")}
              onInput={(v) => p.onChange({ ...step, type: v })}
            />
            <TextField
              id={id("data")}
              label="Data (JSON)"
              value={step.data}
              mono
              class="grow"
              errors={err("data")}
              onInput={(v) => p.onChange({ ...step, data: v })}
            />
          </>
        )}
        {step.kind === "wait" && (
          <TextField
            id={id("duration")}
            label="Wait for"
            value={step.duration}
            errors={err("duration")}
            class="short"
            onInput={(v) => p.onChange({ ...step, duration: v })}
          />
        )}
        <RowButtons
          label={`step ${i + 1}`}
          onUp={i > 0 ? () => p.onMove(-1) : undefined}
          onDown={i < p.count - 1 ? () => p.onMove(1) : undefined}
          onRemove={p.onRemove}
        />
      </div>
    </li>
  );
}
