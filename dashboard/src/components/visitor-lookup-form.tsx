import { useState } from "preact/hooks";
import { lookupName, splitName, type LookupKind } from "../lib/visitor-lookup.ts";
import { FieldErrors } from "./field-errors.tsx";

/** By visitor id or customer id: checks the id in words, then hands the visitor object's name on. */
export function VisitorLookupForm({ current, onLookup }: { current?: string; onLookup: (name: string) => void }) {
  const start = current ? splitName(current) : { kind: "visitor" as LookupKind, id: "" };
  const [kind, setKind] = useState<LookupKind>(start.kind);
  const [text, setText] = useState(start.id);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const r = lookupName(kind, text);
    if ("error" in r) setError(r.error);
    else {
      setError(null);
      onLookup(r.name);
    }
  };
  return (
    <form class="lookup-form" onSubmit={submit} role="search" aria-label="Look up a visitor">
      <fieldset class="segmented-radios">
        <legend>Look up by</legend>
        {(["visitor", "customer"] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="lookup-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{" "}
            {k === "visitor" ? "Visitor id" : "Customer id"}
          </label>
        ))}
      </fieldset>
      <div class={`field grow ${error ? "has-error" : ""}`}>
        <label for="lookup-id">
          {kind === "visitor" ? "Visitor id (the wm_vid cookie)" : "Customer id (your site's)"}
        </label>
        <input
          id="lookup-id"
          class="mono"
          value={text}
          spellcheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "lookup-id-err" : undefined}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <FieldErrors id="lookup-id-err" messages={error ? [error] : undefined} />
      </div>
      <button type="submit" class="btn primary">
        Look up
      </button>
    </form>
  );
}
