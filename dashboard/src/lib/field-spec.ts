/**
 * How one form field maps to a JSON value. The condition and action editors are drawn from tables of these,
 * and the same tables tell the issue placement which fields exist.
 */
export type FieldKind =
  | "text" // string; empty = absent
  | "html" // multi-line string with a rendered preview
  | "textarea" // multi-line string
  | "oneOrList" // "a" -> "a", "a, b" -> ["a", "b"]
  | "list" // always a list: "DE, FR" -> ["DE", "FR"]
  | "int"
  | "number"
  | "scalar" // "true" -> true, "12" -> 12, anything else a string
  | "bool"
  | "select"
  | "devices" // checkboxes: one -> "mobile", several -> ["mobile", "tablet"]
  | "sources" // checkboxes of traffic source classes, always a list
  | "audience" // select of the saved audiences (GET /audiences)
  | "stages" // multi-select of the journey's stage ids, same one-or-list shape
  | "branches" // multi-select of the journey's branch ids
  | "conditions" // nested condition list
  | "json"; // any JSON value, edited as indented JSON (e.g. an offer action's offers)

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly (string | number)[];
  /** What a select shows for each option (default: the option itself). */
  optionLabels?: Readonly<Record<string, string>>;
  hint?: string;
  placeholder?: string;
  /** Empty text stays "" (the schema says why it is wrong) instead of removing the key. */
  required?: boolean;
  /** id of a <datalist> of suggestions */
  list?: string;
}

const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The text an input shows for a value. Values of the wrong shape are shown as JSON rather than lost. */
export function toInput(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && (kind === "oneOrList" || kind === "list")) return value.map(String).join(", ");
  if (kind === "json") return JSON.stringify(value, null, 2);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * The value an input's text stands for; undefined removes the key. Numbers that do not parse stay text so the
 * schema reports them at the field instead of the form silently dropping what was typed.
 */
export function fromInput(
  kind: FieldKind,
  text: string,
  options?: readonly (string | number)[],
  required = false,
): unknown {
  const t = kind === "html" || kind === "textarea" || kind === "json" ? text : text.trim();
  if (t === "") return required && kind !== "int" && kind !== "number" ? "" : undefined;
  switch (kind) {
    case "oneOrList": {
      const parts = splitList(t);
      return parts.length === 1 ? parts[0] : parts;
    }
    case "list":
      return splitList(t);
    case "int":
    case "number": {
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    }
    case "scalar":
      if (t === "true" || t === "false") return t === "true";
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    case "select":
      return options?.find((o) => String(o) === t) ?? t;
    case "json":
      // Text that is not JSON (yet) stays text: the schema then says what is wrong at the field.
      try {
        return JSON.parse(t) as unknown;
      } catch {
        return t;
      }
    default:
      return t;
  }
}

/** A set of checked ids as the schema's one-or-list shape (none = absent). */
export function fromChecked(ids: readonly string[]): string | string[] | undefined {
  if (ids.length === 0) return undefined;
  return ids.length === 1 ? ids[0] : [...ids];
}

/** The ids a one-or-list value holds. */
export function checkedIds(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * What an input shows: the text being typed as long as it still means the stored value (so "DE," or "1."
 * survive typing), otherwise the stored value's own text (it was changed elsewhere, e.g. in the JSON view).
 */
export function displayText(
  kind: FieldKind,
  typed: string | null,
  value: unknown,
  options?: readonly (string | number)[],
  required = false,
): string {
  if (typed !== null && JSON.stringify(fromInput(kind, typed, options, required)) === JSON.stringify(value))
    return typed;
  return toInput(kind, value);
}
