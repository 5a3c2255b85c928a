/**
 * A journey's change in a marketer's words: grouped sections (basics, stages, transitions...), items with plain
 * labels ("Action 'cart banner'"), and for each changed field both sides as text (HTML kept as source, so the view
 * can render it and highlight its words). Pure: the diff view and its tests build on it.
 */

export type ItemChange = "added" | "removed" | "changed";

/** How a field's value is shown: HTML (rendered and as source), visitor text (rendered), or a plain value. */
export type FieldKind = "html" | "text" | "plain";

export interface DiffField {
  key: string;
  label: string;
  kind: FieldKind;
  /** The value as the marketer wrote it (strings as-is, lists joined, objects as indented JSON); null when absent. */
  before: string | null;
  after: string | null;
}

export interface DiffItem {
  /** Stable within its section (the item's id, or its position). */
  key: string;
  /** "Action 'cart banner'", "Transition browsing → carting"; empty for the journey's own settings. */
  label: string;
  change: ItemChange;
  fields: DiffField[];
  /** For an action's HTML preview: a nudge card (with its title on each side) or page HTML. */
  preview?: { kind: "page" | "nudge"; titleBefore?: string; titleAfter?: string };
}

export type SectionId =
  "basics" | "audience" | "stages" | "transitions" | "branches" | "actions" | "metrics" | "tracking" | "webhooks";

export interface DiffSection {
  id: SectionId;
  title: string;
  items: DiffItem[];
}

import { fieldKind, fieldLabel, fieldRank, plainValue } from "./diff-labels.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const TITLES: Record<SectionId, string> = {
  basics: "Basics",
  audience: "Audience",
  stages: "Stages",
  transitions: "Transitions",
  branches: "Branches",
  actions: "Actions",
  metrics: "Metrics",
  tracking: "Tracking rules",
  webhooks: "Webhooks",
};

/** Top-level keys that hold a list of items, and the section each goes to; everything else is a basic setting. */
const LISTS = {
  stages: "stages",
  transitions: "transitions",
  branches: "branches",
  actions: "actions",
  metrics: "metrics",
  track: "tracking",
  webhooks: "webhooks",
} as const satisfies Record<string, SectionId>;

/** "cart-banner" -> "cart banner": ids read as words in labels. */
const words = (id: string) => id.replace(/[-_]+/g, " ");

/** The fields of two versions of one object that differ (all of them when a side is absent), in a stable order. */
function fieldsOf(before: Obj | undefined, after: Obj | undefined, skip: readonly string[] = []): DiffField[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return (
    keys
      .filter((k) => !skip.includes(k) && !same(before?.[k], after?.[k]))
      .map((k) => ({
        key: k,
        label: fieldLabel(k),
        kind: fieldKind(k),
        before: before ? plainValue(k, before[k]) : null,
        after: after ? plainValue(k, after[k]) : null,
      }))
      // "a" and ["a"] read the same: a difference the marketer cannot see is not one.
      .filter((f) => f.before !== f.after)
  );
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));
const refText = (v: unknown) => (v === "*" ? "any stage" : Array.isArray(v) ? v.map(str).join(", ") : str(v));

interface ListSpec {
  /** An item's identity: same key on both sides = the same item. */
  key(item: Obj, index: number): string;
  label(item: Obj, index: number): string;
}

const named = (what: string) => (item: Obj, i: number) => {
  const id = typeof item.id === "string" ? item.id : `${i + 1}`;
  const name = typeof item.name === "string" && item.name ? item.name : words(id);
  return `${what} '${name}'`;
};

const SPECS: Record<keyof typeof LISTS, ListSpec> = {
  stages: { key: (s, i) => str(s.id) || `#${i}`, label: named("Stage") },
  branches: { key: (b, i) => str(b.id) || `#${i}`, label: named("Branch") },
  metrics: { key: (m, i) => str(m.id) || `#${i}`, label: named("Metric") },
  actions: {
    key: (a, i) => (typeof a.id === "string" ? a.id : `a${i}`),
    label: (a, i) =>
      `Action '${words(typeof a.id === "string" ? a.id : `a${i}`)}'${typeof a.type === "string" ? ` (${a.type})` : ""}`,
  },
  transitions: {
    key: (t) => `${refText(t.from)}→${str(t.to)}|${str(t.on)}|${str(t.after)}`,
    label: (t) =>
      `Transition ${refText(t.from)} → ${str(t.to)}${t.on !== undefined ? ` (on ${str(t.on)})` : ""}${
        t.after !== undefined ? ` (after ${str(t.after)})` : ""
      }`,
  },
  track: {
    key: (r, i) => (typeof r.id === "string" ? r.id : `#${i}`),
    label: (r) =>
      `Tracking rule: ${r.on === "view" ? `view of ${str(r.url)}` : `click on ${str(r.selector)}`} reports ${str(r.event)}`,
  },
  webhooks: { key: (_w, i) => `#${i}`, label: (w) => `Webhook to ${str(w.url)}` },
};

/**
 * Pairs the items of two lists: by key first; items left over on both sides at the same position are one item
 * changed (a renamed stage, a transition whose event changed), the rest are added or removed.
 */
function pairItems(before: Obj[], after: Obj[], spec: ListSpec): [Obj | undefined, Obj | undefined, number][] {
  const bKeys = before.map((b, i) => spec.key(b, i));
  const aKeys = after.map((a, i) => spec.key(a, i));
  const pairs: [Obj | undefined, Obj | undefined, number][] = [];
  const usedB = new Set<number>();
  const leftA: number[] = [];
  after.forEach((a, i) => {
    const j = bKeys.findIndex((k, n) => k === aKeys[i] && !usedB.has(n));
    if (j >= 0) {
      usedB.add(j);
      pairs.push([before[j], a, i]);
    } else leftA.push(i);
  });
  for (const i of leftA) {
    const j = i < before.length && !usedB.has(i) && !aKeys.includes(bKeys[i]) ? i : -1;
    if (j >= 0) usedB.add(j);
    pairs.push([j >= 0 ? before[j] : undefined, after[i], i]);
  }
  before.forEach((b, j) => {
    if (!usedB.has(j)) pairs.push([b, undefined, j]);
  });
  return pairs.sort((x, y) => x[2] - y[2]);
}

function previewOf(before: Obj | undefined, after: Obj | undefined): DiffItem["preview"] {
  const nudge = (before ?? after)?.type === "nudge" || after?.type === "nudge";
  if (!nudge) return { kind: "page" };
  const t = (o: Obj | undefined) => (o?.type === "nudge" && typeof o.title === "string" ? o.title : undefined);
  return { kind: "nudge", titleBefore: t(before), titleAfter: t(after) };
}

function listSection(key: keyof typeof LISTS, before: unknown, after: unknown): DiffSection {
  const spec = SPECS[key];
  const b = (Array.isArray(before) ? before : []).filter(isObj);
  const a = (Array.isArray(after) ? after : []).filter(isObj);
  const items: DiffItem[] = [];
  for (const [x, y, i] of pairItems(b, a, spec)) {
    const fields = fieldsOf(x, y);
    if (!fields.length) continue;
    const change: ItemChange = !x ? "added" : !y ? "removed" : "changed";
    const item: DiffItem = { key: spec.key((y ?? x)!, i), label: spec.label((y ?? x)!, i), change, fields };
    if (key === "actions" && item.fields.some((f) => f.kind !== "plain")) item.preview = previewOf(x, y);
    items.push(item);
  }
  return { id: LISTS[key], title: TITLES[LISTS[key]], items };
}

/**
 * The sections of one journey's change, in the form's order, only those with a change. `before`/`after` are the
 * journey on each side (one absent for an added or removed journey: every item is then added or removed).
 */
export function journeyDiffSections(before: unknown, after: unknown): DiffSection[] {
  const b = isObj(before) ? before : undefined;
  const a = isObj(after) ? after : undefined;
  const whole = !b || !a ? (a ? "added" : "removed") : "changed";
  const skip = [...Object.keys(LISTS), "when", "id"];
  const basics = fieldsOf(b, a, skip);
  const sections: DiffSection[] = [];
  if (basics.length)
    sections.push({
      id: "basics",
      title: TITLES.basics,
      items: [{ key: "basics", label: "", change: whole, fields: basics }],
    });
  if (!same(b?.when, a?.when)) {
    const field: DiffField = {
      key: "when",
      label: "Who the journey acts on",
      kind: "plain",
      before: plainValue("when", b?.when),
      after: plainValue("when", a?.when),
    };
    sections.push({
      id: "audience",
      title: TITLES.audience,
      items: [{ key: "when", label: "", change: whole, fields: [field] }],
    });
  }
  for (const key of ["stages", "transitions", "branches", "actions", "metrics", "track", "webhooks"] as const) {
    const s = listSection(key, b?.[key], a?.[key]);
    if (s.items.length) sections.push(s);
  }
  return sections;
}

/** How many fields change, for the journey's heading ("3 changes"). */
export function changeCount(sections: readonly DiffSection[]): number {
  return sections.reduce(
    (n, s) => n + s.items.reduce((m, i) => m + (i.change === "changed" ? i.fields.length : 1), 0),
    0,
  );
}
