import { fieldId } from "../lib/field-key.ts";

/**
 * Moves focus from the map to a field of the journey form below it (the form holds the details): opens the collapsed
 * part that holds it, scrolls it into view and focuses it, or its first input when `input` is set.
 */
export function focusFormField(key: string, input = false): boolean {
  const el = document.getElementById(fieldId(key));
  if (!el) return false;
  for (let d = el.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.setAttribute("open", "");
  el.scrollIntoView({ block: "center" });
  const target = input ? ((el.querySelector("input, select, textarea") as HTMLElement | null) ?? el) : el;
  target.focus();
  return true;
}
