import type { ComponentChildren } from "preact";
import { fieldId } from "../lib/field-key.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";

/** A titled part of the journey form; `field` is the draft key whose own errors it shows (e.g. "branches"). */
export function Section(p: {
  field: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const ed = useEditor();
  const id = fieldId(p.field);
  return (
    <section class="card form-section" id={id} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <header class="section-head">
        <h2 id={`${id}-title`}>{p.title}</h2>
        {p.actions}
      </header>
      {p.intro && <p class="hint">{p.intro}</p>}
      <FieldErrors id={`${id}-err`} messages={ed.issues.get(p.field)} />
      {p.children}
    </section>
  );
}
