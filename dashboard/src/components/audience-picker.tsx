import { useEffect } from "preact/hooks";
import { href } from "../paths.ts";
import { loadSavedAudiences, savedAudiences } from "../lib/saved-audiences.ts";
import { SelectField } from "./select-field.tsx";

/** Picks a saved audience for an {"type": "audience"} condition, by name; links to the Audiences page. */
export function AudiencePicker(p: {
  id: string;
  label: string;
  value: string;
  errors?: readonly string[];
  onChange: (id: string) => void;
}) {
  useEffect(() => {
    if (savedAudiences.value === null) void loadSavedAudiences().catch(() => undefined);
  }, []);
  const list = savedAudiences.value ?? [];
  const options = [
    { value: "", label: list.length ? "Choose an audience" : "No saved audiences yet" },
    ...list.map((a) => ({ value: a.id, label: a.audience.name })),
  ];
  return (
    <div class="audience-picker">
      <SelectField
        id={p.id}
        label={p.label}
        value={p.value}
        options={options}
        errors={p.errors}
        onChange={p.onChange}
      />
      <a class="small" href={href("audiences")} target="_blank" rel="noopener">
        Manage audiences
      </a>
    </div>
  );
}
