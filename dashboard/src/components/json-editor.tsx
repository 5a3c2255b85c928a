import { useState } from "preact/hooks";
import { fieldId } from "../lib/field-key.ts";
import { journeyToJson, parseJourneyJson } from "../lib/journey-json.ts";
import { FieldErrors } from "./field-errors.tsx";

/**
 * The journey as JSON. Every edit that parses replaces the draft (so the form and validation follow at once);
 * text that does not parse stays here with its error until it does.
 */
export function JsonEditor(p: { draft: unknown; onChange: (value: unknown) => void }) {
  const current = journeyToJson(p.draft);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  // Keep the typed text while it still means the draft (whitespace, key order); otherwise show the draft.
  const parsed = parseJourneyJson(text);
  const shown = error || (parsed.ok && journeyToJson(parsed.value) === current) ? text : current;
  const id = fieldId("json");
  return (
    <div class="field wide json-editor">
      <label for={id}>Journey JSON</label>
      <textarea
        id={id}
        class="mono"
        rows={28}
        spellcheck={false}
        value={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onInput={(e) => {
          const value = (e.currentTarget as HTMLTextAreaElement).value;
          setText(value);
          const r = parseJourneyJson(value);
          if (r.ok) {
            setError(null);
            p.onChange(r.value);
          } else setError(r.message);
        }}
      />
      <FieldErrors id={`${id}-err`} messages={error ? [error] : undefined} />
    </div>
  );
}
