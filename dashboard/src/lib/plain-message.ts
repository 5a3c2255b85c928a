import type { FieldPath } from "./field-key.ts";

/** A zod issue as the editor receives it: the code and its details, or only a message (an API answer). */
export interface RawIssue {
  code?: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  format?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
}

/** How a field shows its value: a share typed in percent (0.05 is shown and typed as 5). */
export interface MessageSpec {
  unit?: "percent";
}

/** The units of the form's fields where they differ from the JSON (the holdout is typed in percent). */
export function messageSpecAt(path: FieldPath): MessageSpec | undefined {
  return path.length === 1 && (path[0] === "holdout" || path[0] === "traffic") ? { unit: "percent" } : undefined;
}

// zod's own wording ("Too small: expected string to have >=1 characters"); anything else was written for people
// (the schemas' refinements and regex messages) and is kept as it is.
const ZOD_WORDING = /^(Invalid |Invalid$|Too small|Too big|Unrecognized key)/;

const TYPE_WORDS: Record<string, string> = {
  string: "must be text",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be on or off",
  array: "must be a list",
  object: "must be a group of settings",
};

const num = (v: number | bigint | undefined) => Number(v ?? 0);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const quoted = (v: unknown) => (typeof v === "string" ? `“${v}”` : String(v));

/**
 * A form error in plain words and in the units of the form: "can't be empty" rather than "Too small: expected string
 * to have >=1 characters", "must be between 0% and 100%" for a share typed in percent rather than "expected number to
 * be <=1". Messages the schemas word themselves pass through unchanged.
 */
export function plainMessage(issue: RawIssue, spec?: MessageSpec): string {
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  const percent = spec?.unit === "percent";
  switch (issue.code) {
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const n = num(small ? issue.minimum : issue.maximum);
      if (issue.origin === "number" || issue.origin === "bigint" || issue.origin === "int") {
        if (percent) return "must be between 0% and 100%";
        if (issue.inclusive === false) return small ? `must be more than ${n}` : `must be less than ${n}`;
        return small ? `must be ${n} or more` : `must be ${n} or less`;
      }
      if (issue.origin === "string") {
        if (small) return n <= 1 ? "can't be empty" : `needs at least ${plural(n, "character", "characters")}`;
        return `can be at most ${plural(n, "character", "characters")} long`;
      }
      if (issue.origin === "array" || issue.origin === "set") {
        if (small) return n <= 1 ? "needs at least one" : `needs at least ${n}`;
        return `can have at most ${n}`;
      }
      return small ? `is too small (at least ${n})` : `is too big (at most ${n})`;
    }
    case "invalid_type":
      if (/received undefined$/.test(issue.message)) return "is required";
      if (percent && (issue.expected === "number" || issue.expected === "int"))
        return "must be a percentage between 0% and 100%, like 10";
      return TYPE_WORDS[issue.expected ?? ""] ?? "has the wrong kind of value";
    case "invalid_value":
      if (issue.values?.length === 1) return `must be ${quoted(issue.values[0])}`;
      return `must be one of ${(issue.values ?? []).map(quoted).join(", ")}`;
    case "invalid_format":
      if (issue.format === "url") return "must be a full web address, like https://example.com/page";
      if (issue.format === "email") return "must be an email address";
      if (issue.format === "regex") return "contains characters that are not allowed here";
      return "is not in the expected format";
    case "unrecognized_keys": {
      const keys = issue.keys ?? [];
      return `${keys.length === 1 ? "unknown setting" : "unknown settings"} ${keys.map(quoted).join(", ")}: the journey format has no such field`;
    }
    case "invalid_union":
      return "is not one of the forms this field accepts";
    case "not_multiple_of":
      return "is not a multiple of the allowed step";
    default:
      return "is not valid";
  }
}
