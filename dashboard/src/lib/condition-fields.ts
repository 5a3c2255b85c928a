import type { Condition } from "@waymark/shared";
import type { FieldSpec } from "./field-spec.ts";

export type ConditionType = Condition["type"];

const UTM_PARAMS = ["source", "medium", "campaign", "term", "content"] as const;
const UTM_LABELS: Record<string, string> = {
  source: "utm_source",
  medium: "utm_medium",
  campaign: "utm_campaign",
  term: "utm_term",
  content: "utm_content",
};
/** Which landing a utm / source / landing condition reads, in plain words (absent = "session"). */
const TOUCH: Record<string, string> = { session: "this visit", first: "the first visit ever" };
const REFERRER_TOUCH: Record<string, string> = {
  "": "this page",
  session: "this visit's landing",
  first: "the first visit's landing",
};

/** Traffic source classes (shared/src/schemas/source-class.ts) in plain words. */
export const SOURCE_LABELS: Record<string, string> = {
  search: "Search engine",
  social: "Social network",
  email: "E-mail",
  paid: "Paid ad",
  referral: "Another site",
  direct: "Direct (no referrer)",
  internal: "This site",
};

export const CONDITION_LABELS: Record<ConditionType, string> = {
  path: "Page path",
  query: "Query parameter",
  referrer: "Referrer",
  utm: "Campaign (UTM)",
  source: "Traffic source",
  landing: "Landing page",
  session: "Session",
  audience: "Saved audience",
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
    { name: "touch", label: "Of", kind: "select", options: ["", "session", "first"], optionLabels: REFERRER_TOUCH },
  ],
  utm: [
    { name: "param", label: "Parameter", kind: "select", options: UTM_PARAMS, optionLabels: UTM_LABELS },
    {
      name: "equals",
      label: "Is (optional)",
      kind: "oneOrList",
      placeholder: "newsletter",
      hint: "comma-separate several; case does not matter",
    },
    { name: "touch", label: "Of", kind: "select", options: ["session", "first"], optionLabels: TOUCH },
  ],
  source: [
    { name: "in", label: "Came from", kind: "sources" },
    { name: "touch", label: "Of", kind: "select", options: ["session", "first"], optionLabels: TOUCH },
  ],
  landing: [
    { name: "glob", label: "Landing page", kind: "oneOrList", placeholder: "/offers/**", hint: "path glob" },
    { name: "touch", label: "Of", kind: "select", options: ["session", "first"], optionLabels: TOUCH },
  ],
  session: [
    { name: "gte", label: "At least the n-th visit", kind: "int" },
    { name: "lte", label: "At most the n-th visit", kind: "int" },
    { name: "sinceLastAtLeast", label: "Away at least", kind: "text", placeholder: "7d", hint: "since the last visit" },
    { name: "sinceLastAtMost", label: "Away at most", kind: "text", placeholder: "30d" },
  ],
  audience: [{ name: "id", label: "Audience", kind: "audience", required: true }],
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

/**
 * A valid condition of a type, to start from when the marketer picks it. An audience condition starts with the first
 * saved audience (`audienceIds`), or a placeholder id the API refuses by name until one is picked.
 */
export function newCondition(type: ConditionType, audienceIds: readonly string[] = []): Condition {
  switch (type) {
    case "path":
      return { type, glob: "/**" };
    case "query":
      return { type, param: "utm_source" };
    case "referrer":
      return { type, contains: "google." };
    case "utm":
      return { type, param: "source", equals: "newsletter" };
    case "source":
      return { type, in: ["search"] };
    case "landing":
      return { type, glob: "/**" };
    case "session":
      return { type, gte: 2 };
    case "audience":
      return { type, id: audienceIds[0] ?? "choose-an-audience" };
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
