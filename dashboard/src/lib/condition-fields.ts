import type { Condition } from "@waymark/shared";
import type { FieldSpec } from "./field-spec.ts";

export type ConditionType = Condition["type"];

export const CONDITION_LABELS: Record<ConditionType, string> = {
  path: "Page path",
  query: "Query parameter",
  referrer: "Referrer",
  device: "Device",
  country: "Country",
  visits: "Visit count",
  cookie: "Cookie",
  cart: "Cart",
  trait: "Trait",
  score: "Score",
  in_stage_for: "Time in stage",
  any: "Any of (or)",
  all: "All of (and)",
};

export const CONDITION_TYPES = Object.keys(CONDITION_LABELS) as ConditionType[];

/** The inputs of each condition type (every one also has "not"). */
export const CONDITION_FIELDS: Record<ConditionType, readonly FieldSpec[]> = {
  path: [
    {
      name: "glob",
      label: "Path glob",
      kind: "oneOrList",
      placeholder: "/products/**",
      hint: "comma-separate several",
    },
  ],
  query: [
    { name: "param", label: "Parameter", kind: "text", placeholder: "utm_source", required: true },
    { name: "equals", label: "Equals (optional)", kind: "oneOrList", placeholder: "newsletter" },
  ],
  referrer: [
    { name: "contains", label: "Contains", kind: "text", placeholder: "google." },
    { name: "glob", label: "Glob", kind: "oneOrList" },
  ],
  device: [{ name: "is", label: "Device is", kind: "devices" }],
  country: [{ name: "in", label: "Countries", kind: "list", placeholder: "DE, FR", hint: "ISO 3166 alpha-2 codes" }],
  visits: [
    { name: "gte", label: "At least", kind: "int" },
    { name: "lte", label: "At most", kind: "int" },
  ],
  cookie: [
    { name: "name", label: "Cookie name", kind: "text", required: true },
    { name: "equals", label: "Equals (optional)", kind: "text" },
  ],
  cart: [
    { name: "minCount", label: "Min. items", kind: "int" },
    { name: "minValue", label: "Min. value", kind: "number" },
  ],
  trait: [
    { name: "name", label: "Trait", kind: "text", required: true },
    { name: "equals", label: "Equals", kind: "scalar" },
  ],
  score: [
    { name: "name", label: "Score", kind: "text", required: true, placeholder: "engagement or interest:shoes" },
    { name: "gte", label: "At least", kind: "number" },
    { name: "lte", label: "At most", kind: "number" },
  ],
  in_stage_for: [
    { name: "atLeast", label: "At least", kind: "text", placeholder: "5m" },
    { name: "atMost", label: "At most", kind: "text", placeholder: "1h" },
  ],
  any: [{ name: "conditions", label: "Conditions", kind: "conditions" }],
  all: [{ name: "conditions", label: "Conditions", kind: "conditions" }],
};

/** A valid condition of a type, to start from when the marketer picks it. */
export function newCondition(type: ConditionType): Condition {
  switch (type) {
    case "path":
      return { type, glob: "/**" };
    case "query":
      return { type, param: "utm_source" };
    case "referrer":
      return { type, contains: "google." };
    case "device":
      return { type, is: "mobile" };
    case "country":
      return { type, in: ["US"] };
    case "visits":
      return { type, gte: 2 };
    case "cookie":
      return { type, name: "logged_in" };
    case "cart":
      return { type, minCount: 1 };
    case "trait":
      return { type, name: "plan", equals: "pro" };
    case "score":
      return { type, name: "engagement", gte: 10 };
    case "in_stage_for":
      return { type, atLeast: "5m" };
    case "any":
    case "all":
      return { type, conditions: [{ type: "path", glob: "/**" }] };
  }
}

export function isConditionType(t: unknown): t is ConditionType {
  return typeof t === "string" && t in CONDITION_FIELDS;
}
