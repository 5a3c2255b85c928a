import { FieldErrors } from "./field-errors.tsx";

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  errors?: readonly string[];
  class?: string;
}

export function SelectField(p: SelectFieldProps) {
  const known = p.options.some((o) => o.value === p.value);
  return (
    <div class={`field ${p.class ?? ""} ${p.errors?.length ? "has-error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      <select
        id={p.id}
        value={p.value}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={p.errors?.length ? `${p.id}-err` : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {!known && <option value={p.value}>{p.value === "" ? "—" : `${p.value} (unknown)`}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${p.id}-err`} messages={p.errors} />
    </div>
  );
}
