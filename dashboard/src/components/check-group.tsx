import { FieldErrors } from "./field-errors.tsx";

/** A set of checkboxes in a fieldset (stages, branches, devices): which of the options apply. */
export function CheckGroup(p: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  onChange: (checked: string[]) => void;
  errors?: readonly string[];
  hint?: string;
}) {
  const toggle = (value: string, on: boolean) => {
    const set = new Set(p.checked);
    if (on) set.add(value);
    else set.delete(value);
    // Keep the options' order, then anything checked that is no longer an option.
    const order = p.options.map((o) => o.value);
    p.onChange([...order.filter((v) => set.has(v)), ...[...set].filter((v) => !order.includes(v))]);
  };
  const stray = p.checked.filter((v) => !p.options.some((o) => o.value === v));
  return (
    <fieldset
      class={`field check-group ${p.errors?.length ? "has-error" : ""}`}
      id={p.id}
      tabIndex={-1}
      aria-describedby={p.errors?.length ? `${p.id}-err` : undefined}
    >
      <legend>{p.legend}</legend>
      <div class="chips">
        {[...p.options, ...stray.map((v) => ({ value: v, label: `${v} (unknown)` }))].map((o) => (
          <label key={o.value} class="chip">
            <input
              type="checkbox"
              checked={p.checked.includes(o.value)}
              onChange={(e) => toggle(o.value, (e.currentTarget as HTMLInputElement).checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
        {p.options.length === 0 && <span class="hint">none defined yet</span>}
      </div>
      {p.hint && <p class="hint">{p.hint}</p>}
      <FieldErrors id={`${p.id}-err`} messages={p.errors} />
    </fieldset>
  );
}
