import { FieldErrors } from "./field-errors.tsx";

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (text: string) => void;
  errors?: readonly string[];
  hint?: string;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  mono?: boolean;
  type?: "text" | "number" | "password";
  inputMode?: "numeric" | "decimal";
  list?: string;
  class?: string;
  autoComplete?: string;
}

/** A labelled input with its hint and errors tied to it for screen readers. */
export function TextField(p: TextFieldProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : "", p.errors?.length ? `${p.id}-err` : ""].filter(Boolean).join(" ");
  const common = {
    id: p.id,
    value: p.value,
    placeholder: p.placeholder,
    "aria-invalid": p.errors?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
    class: p.mono ? "mono" : undefined,
    onInput: (e: Event) => p.onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class={`field ${p.class ?? ""} ${p.errors?.length ? "has-error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 4} spellcheck={false} />
      ) : (
        <input
          {...common}
          type={p.type ?? "text"}
          inputMode={p.inputMode}
          list={p.list}
          autoComplete={p.autoComplete ?? "off"}
          spellcheck={false}
        />
      )}
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      <FieldErrors id={`${p.id}-err`} messages={p.errors} />
    </div>
  );
}
