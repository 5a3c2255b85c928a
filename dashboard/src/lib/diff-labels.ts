import type { FieldKind } from "./journey-diff.ts";

/** The words the readable diff uses for a journey's fields, and how it shows their values. */

const LABELS: Record<string, string> = {
  id: "Id",
  name: "Name",
  description: "Description",
  priority: "Priority",
  start: "Start stage",
  holdout: "Holdout",
  allocation: "Allocation",
  paused: "Paused",
  allowScripts: "Allow scripts",
  goals: "Goals",
  caps: "Frequency caps",
  reentry: "Re-entry",
  schedule: "Schedule",
  traffic: "Traffic share",
  group: "Exclusion group",
  when: "Conditions",
  exit: "Exit stage",
  from: "From",
  to: "To",
  on: "On event",
  after: "After",
  weight: "Weight",
  type: "Type",
  selector: "Selector",
  position: "Position",
  html: "HTML",
  text: "Text",
  title: "Title",
  placement: "Placement",
  stage: "Stages",
  branch: "Branches",
  slot: "Slot",
  url: "URL",
  status: "Status",
  css: "CSS",
  value: "Value",
  kind: "Kind",
  event: "Event",
  field: "Field",
  role: "Role",
  stages: "Stages",
  secretName: "Secret name",
};

/** "allowScripts" -> "Allow scripts" for keys without a label of their own. */
const humanKey = (k: string) => {
  const words = k
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
export const fieldLabel = (k: string) => LABELS[k] ?? humanKey(k);

const SHARES = new Set(["holdout", "traffic"]);

/** A field's value as the marketer reads it; null when absent. */
export function plainValue(key: string, v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null) return "none";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return SHARES.has(key) ? `${Number((v * 100).toFixed(2))}%` : String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null)) return v.map(String).join(", ");
  return JSON.stringify(v, null, 2);
}

export const fieldKind = (key: string): FieldKind => (key === "html" ? "html" : key === "text" ? "text" : "plain");

/** Fields in the order the form shows them (an item's identity first, its content before its targeting). */
// prettier-ignore
const ORDER = [
  "id", "name", "type", "description", "from", "to", "on", "after", "weight", "exit", "kind", "event", "field", "role",
  "selector", "position", "placement", "title", "html", "text", "url", "value", "css", "status",
  "stage", "branch", "when", "slot",
];
export const fieldRank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i < 0 ? ORDER.length : i;
};
