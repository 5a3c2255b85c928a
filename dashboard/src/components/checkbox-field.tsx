import { FieldErrors } from "./field-errors.tsx";

export function CheckboxField(p: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errors?: readonly string[];
  hint?: string;
}) {
  return (
    <div class={`field field-check ${p.errors?.length ? "has-error" : ""}`}>
      <input
        type="checkbox"
        id={p.id}
        checked={p.checked}
        aria-describedby={p.errors?.length ? `${p.id}-err` : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={p.id}>{p.label}</label>
      {p.hint && <span class="hint">{p.hint}</span>}
      <FieldErrors id={`${p.id}-err`} messages={p.errors} />
    </div>
  );
}
