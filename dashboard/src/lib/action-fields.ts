import type { ActionInput } from "@waymark/shared";
import type { FieldSpec } from "./field-spec.ts";

export type ActionType = ActionInput["type"];

export const ACTION_LABELS: Record<ActionType, string> = {
  insert: "Insert HTML",
  replace: "Replace content",
  set_attribute: "Set attribute",
  remove: "Remove element",
  hide: "Hide element",
  style: "Change style",
  redirect: "Redirect",
  nudge: "Nudge (overlay)",
  offer: "Next best offer (model)",
};

export const ACTION_TYPES = Object.keys(ACTION_LABELS) as ActionType[];

const selector: FieldSpec = {
  name: "selector",
  label: "CSS selector",
  kind: "text",
  placeholder: "main h1",
  required: true,
};

/** The type-specific inputs of each action type. */
export const ACTION_FIELDS: Record<ActionType, readonly FieldSpec[]> = {
  insert: [
    selector,
    { name: "position", label: "Position", kind: "select", options: ["before", "after", "prepend", "append"] },
    { name: "html", label: "HTML", kind: "html", required: true },
  ],
  replace: [
    selector,
    { name: "html", label: "HTML (or text below)", kind: "html" },
    { name: "text", label: "Text (or HTML above)", kind: "textarea" },
  ],
  set_attribute: [
    selector,
    { name: "name", label: "Attribute", kind: "text", placeholder: "href", required: true },
    { name: "value", label: "Value", kind: "text", required: true },
  ],
  remove: [selector],
  hide: [selector],
  style: [
    selector,
    {
      name: "css",
      label: "CSS declarations",
      kind: "textarea",
      placeholder: "color: #b00; font-weight: 600",
      required: true,
      hint: "declarations only, added to the element's own style (so they win over it)",
    },
  ],
  redirect: [
    { name: "url", label: "URL (same site)", kind: "text", placeholder: "/pricing", required: true },
    { name: "status", label: "Status", kind: "select", options: [302, 307] },
  ],
  nudge: [
    { name: "title", label: "Title", kind: "text" },
    { name: "html", label: "HTML", kind: "html", required: true },
    {
      name: "placement",
      label: "Placement",
      kind: "select",
      options: ["bottom-right", "bottom-left", "top", "center"],
    },
  ],
  offer: [
    selector,
    {
      name: "position",
      label: "Position",
      kind: "select",
      options: ["replace", "before", "after", "prepend", "append"],
    },
    {
      name: "objective",
      label: "Objective (metric id)",
      kind: "text",
      required: true,
      hint: "the journey metric the model learns to reach",
    },
    { name: "attribution", label: "Attribution window", kind: "text", placeholder: "1d" },
    {
      name: "offers",
      label: "Offers (JSON)",
      kind: "json",
      required: true,
      hint: 'each: {"id", "html" or "text", "value", "weight", "when", "caps"}',
    },
  ],
};

/** Fields every action type has: where in the journey it applies and how it competes for a slot. */
export const ACTION_COMMON_FIELDS: readonly FieldSpec[] = [
  { name: "id", label: "Action id", kind: "text", placeholder: "defaults to a<index>" },
  { name: "stage", label: "Stages", kind: "stages", hint: "none = every non-exit stage" },
  { name: "branch", label: "Branches", kind: "branches", hint: "none = every branch (never the holdout)" },
  { name: "slot", label: "Slot", kind: "text", placeholder: "defaults to selector|position" },
  { name: "when", label: "Only when", kind: "conditions" },
];

/** A valid action of a type, to start from. */
export function newAction(type: ActionType): ActionInput {
  switch (type) {
    case "insert":
      return {
        type,
        selector: "body",
        position: "prepend",
        html: '<div class="wm-banner">Welcome back! You have {{cart.count}} {{cart.count | plural: "item", "items"}} in your cart.</div>',
      };
    case "replace":
      return { type, selector: "main h1", text: "Welcome back" };
    case "set_attribute":
      return { type, selector: "a.cta", name: "href", value: "/pricing" };
    case "remove":
    case "hide":
      return { type, selector: ".promo" };
    case "style":
      return { type, selector: "main h1", css: "color: #b00; font-weight: 600" };
    case "redirect":
      return { type, url: "/pricing", status: 302 };
    case "nudge":
      return {
        type,
        title: "Need a hand?",
        html: "<p>Chat with us, we answer within minutes.</p>",
        placement: "bottom-right",
      };
    case "offer":
      return {
        type,
        selector: "#offer",
        position: "replace",
        objective: "goal",
        offers: [
          { id: "free-shipping", html: "<p>Free shipping today</p>", value: 1 },
          { id: "ten-off", html: "<p>10% off your first order</p>", value: 1 },
        ],
      };
  }
}

const COMMON_KEYS = ["id", "stage", "branch", "slot", "when"] as const;

/** The action as another type: its place in the journey kept, its selector and HTML kept where the type has them. */
export function changeActionType(action: Record<string, unknown>, type: ActionType): ActionInput {
  const next: Record<string, unknown> = { ...newAction(type) };
  const names = new Set(ACTION_FIELDS[type].map((f) => f.name));
  for (const k of ["selector", "html"] as const) if (names.has(k) && typeof action[k] === "string") next[k] = action[k];
  if (type === "replace" && typeof next.html === "string") delete next.text;
  for (const k of COMMON_KEYS) if (action[k] !== undefined) next[k] = action[k];
  return next as ActionInput;
}
