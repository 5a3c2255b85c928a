import { fieldKey, type FieldPath } from "./field-key.ts";

export interface Issue {
  path: FieldPath;
  message: string;
}

/** Messages by the field key that shows them; "" holds the ones only the form as a whole can show. */
export type PlacedIssues = ReadonlyMap<string, readonly string[]>;

/**
 * Puts each issue at the deepest field the editor renders along the issue's path, so a message about
 * ["when", 0, "glob", 1] shows at the glob input and one about ["branches"] at the branches section.
 */
export function placeIssues(issues: readonly Issue[], fields: ReadonlySet<string>): PlacedIssues {
  const placed = new Map<string, string[]>();
  for (const issue of issues) {
    let key = "";
    for (let n = issue.path.length; n > 0; n--) {
      const candidate = fieldKey(issue.path.slice(0, n));
      if (fields.has(candidate)) {
        key = candidate;
        break;
      }
    }
    const list = placed.get(key) ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    placed.set(key, list);
  }
  return placed;
}

/** The issues in the order the form shows its fields, for an error summary that links to each one. */
export function issueSummary(placed: PlacedIssues, order: readonly string[]): { key: string; message: string }[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  return [...placed.entries()]
    .sort(([a], [b]) => (rank.get(a) ?? -1) - (rank.get(b) ?? -1))
    .flatMap(([key, messages]) => messages.map((message) => ({ key, message })));
}

/** Does any issue sit at `prefix` or inside it (to open a collapsed part of the form that holds one)? */
export function hasIssueUnder(placed: PlacedIssues, prefix: string): boolean {
  for (const key of placed.keys()) if (key === prefix || key.startsWith(prefix + ".")) return true;
  return false;
}
