import { useState } from "preact/hooks";
import { fieldId } from "../lib/field-key.ts";
import { displayText, fromInput } from "../lib/field-spec.ts";
import { fromLocalInput, timeZoneLabel, toLocalInput } from "../lib/journey-schedule.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { TextField } from "./text-field.tsx";

type Schedule = { start?: string; end?: string };

/**
 * When the journey runs, for how many visitors, and which exclusion group it belongs to (issue 16). Times are typed in
 * the browser's time zone (named next to the inputs) and saved as UTC instants; traffic is typed in percent.
 */
export function JourneyScheduleFields() {
  const ed = useEditor();
  const d = ed.draft;
  const schedule = (d.schedule as Schedule | undefined) ?? {};
  const [typedTraffic, setTypedTraffic] = useState<string | null>(null);
  const traffic = d.traffic;
  const trafficPct = typeof traffic === "number" ? Math.round(traffic * 10_000) / 100 : traffic;
  const setBound = (key: "start" | "end", local: string) => {
    const next: Schedule = { ...schedule, [key]: fromLocalInput(local) };
    if (next[key] === undefined) delete next[key];
    ed.set(["schedule"], Object.keys(next).length ? next : undefined);
  };
  const zone = timeZoneLabel(Date.now());
  return (
    <fieldset class="schedule-fields">
      <legend>Schedule, traffic and exclusion group</legend>
      <p class="hint" id="schedule-zone">
        Times are in your time zone ({zone}) and saved in UTC. Nobody new enters before the start; from the end on the
        journey stops for everyone, as if paused. Leave either empty.
      </p>
      <div class="grid">
        {(["start", "end"] as const).map((key) => {
          const id = fieldId(`schedule.${key}`);
          const errors = ed.issues.get(`schedule.${key}`);
          return (
            <div class={`field ${errors?.length ? "has-error" : ""}`} key={key}>
              <label for={id}>{key === "start" ? "Starts" : "Ends"}</label>
              <input
                id={id}
                type="datetime-local"
                value={toLocalInput(schedule[key])}
                aria-describedby={`schedule-zone${errors?.length ? ` ${id}-err` : ""}`}
                aria-invalid={errors?.length ? true : undefined}
                onInput={(e) => setBound(key, (e.currentTarget as HTMLInputElement).value)}
              />
              <FieldErrors id={`${id}-err`} messages={errors} />
            </div>
          );
        })}
        <TextField
          id={fieldId("traffic")}
          label="Traffic (% of visitors who enter)"
          value={displayText("number", typedTraffic, trafficPct ?? 100)}
          inputMode="decimal"
          hint="Sticky per visitor: raising it keeps everyone already in; lowering it stops new entries."
          errors={ed.issues.get("traffic")}
          onInput={(text) => {
            setTypedTraffic(text);
            const v = fromInput("number", text);
            ed.set(["traffic"], typeof v === "number" ? v / 100 : v);
          }}
        />
        <TextField
          id={fieldId("group")}
          label="Exclusion group"
          value={typeof d.group === "string" ? d.group : ""}
          placeholder="e.g. homepage-hero"
          hint="A visitor is in at most one journey of a group; the group's journeys share visitors equally."
          errors={ed.issues.get("group")}
          onInput={(text) => ed.set(["group"], text.trim() === "" ? undefined : text.trim())}
        />
      </div>
    </fieldset>
  );
}
