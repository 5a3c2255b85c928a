import { AUDIENCE_LIMITS, type Audience } from "../schemas/audience.ts";

export type RefPath = (string | number)[];

/** A reference to a saved audience ({"type": "audience", "id"}) and where it is, relative to the value searched. */
export interface AudienceRef {
  id: string;
  path: RefPath;
}

/** A problem with audience references: `path` is relative to `audience` (null: to the journey or value checked). */
export interface AudienceIssue {
  audience: string | null;
  path: RefPath;
  message: string;
  /** The audiences involved, in reference order (a cycle or a too-deep chain). */
  chain: string[];
}

/**
 * Every {"type": "audience"} condition inside a value (a journey, an audience, a list of conditions), with its path.
 * Walks any field, so conditions in fields added later (offers, ...) are found too.
 * @example audienceRefs({ when: [{ type: "audience", id: "newsletter" }] }) // [{ id: "newsletter", path: ["when", 0] }]
 */
export function audienceRefs(value: unknown, path: RefPath = []): AudienceRef[] {
  const out: AudienceRef[] = [];
  const stack: { v: unknown; path: RefPath }[] = [{ v: value, path }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, path: at } = top;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...at, i] });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    const o = v as Record<string, unknown>;
    if (o.type === "audience" && typeof o.id === "string") out.push({ id: o.id, path: at });
    for (const k of Object.keys(o).reverse()) if (typeof o[k] === "object") stack.push({ v: o[k], path: [...at, k] });
  }
  return out;
}

/** References to audiences not in `known`, as issues at their paths (relative to the value). */
export function unknownAudienceIssues(value: unknown, known: ReadonlySet<string>): AudienceIssue[] {
  return audienceRefs(value)
    .filter((r) => !known.has(r.id))
    .map((r) => ({
      audience: null,
      path: [...r.path, "id"],
      message: `there is no saved audience "${r.id}"`,
      chain: [r.id],
    }));
}

/**
 * Cycles (an audience using itself, directly or through others) and chains nested deeper than
 * AUDIENCE_LIMITS.maxNesting among a set of audiences, each reported once at the reference that closes the cycle or
 * goes too deep. Unknown references are left to unknownAudienceIssues.
 */
export function audienceGraphIssues(audiences: readonly Audience[]): AudienceIssue[] {
  const refs = new Map(audiences.map((a) => [a.id, audienceRefs(a.conditions, ["conditions"])]));
  const issues: AudienceIssue[] = [];
  const reported = new Set<string>();
  const visit = (chain: string[]): void => {
    const id = chain[chain.length - 1];
    for (const r of refs.get(id) ?? []) {
      if (!refs.has(r.id)) continue;
      const next = [...chain, r.id];
      const key = `${id}>${r.id}`;
      if (chain.includes(r.id)) {
        const cycle = next.slice(chain.indexOf(r.id));
        // Once per circle, at the reference leaving its first audience (the one the search started from).
        const circle = `circle:${[...new Set(cycle)].sort().join(">")}`;
        const at = refs.get(cycle[0])!.find((x) => x.id === cycle[1])!;
        if (!reported.has(circle))
          issues.push({
            audience: cycle[0],
            path: [...at.path, "id"],
            message:
              cycle.length === 2
                ? `audience "${id}" cannot use itself`
                : `audiences cannot use each other in a circle (${cycle.join(" → ")})`,
            chain: cycle,
          });
        reported.add(circle);
        continue;
      }
      if (next.length > AUDIENCE_LIMITS.maxNesting) {
        if (!reported.has(key))
          issues.push({
            audience: id,
            path: [...r.path, "id"],
            message: `audiences may use each other at most ${AUDIENCE_LIMITS.maxNesting} deep (${next.join(" → ")})`,
            chain: next,
          });
        reported.add(key);
        continue;
      }
      visit(next);
    }
  };
  for (const a of audiences) visit([a.id]);
  return issues;
}

/** Who uses an audience directly: journey ids and audience ids, sorted. */
export function audienceUsers(
  id: string,
  journeys: readonly { id: string }[],
  audiences: readonly Audience[],
): { journeys: string[]; audiences: string[] } {
  const uses = (v: unknown) => audienceRefs(v).some((r) => r.id === id);
  return {
    journeys: journeys
      .filter(uses)
      .map((j) => j.id)
      .sort(),
    audiences: audiences
      .filter((a) => a.id !== id && uses(a.conditions))
      .map((a) => a.id)
      .sort(),
  };
}

/**
 * All audience problems of a ruleset (journeys and audiences together), with paths from the ruleset:
 * ["journeys", <id>, ...] and ["audiences", <id>, ...]. What publish refuses.
 */
export function rulesetAudienceIssues(
  journeys: readonly { id: string }[],
  audiences: readonly Audience[],
): { path: RefPath; message: string }[] {
  const known = new Set(audiences.map((a) => a.id));
  const out: { path: RefPath; message: string }[] = [];
  for (const j of journeys)
    for (const i of unknownAudienceIssues(j, known))
      out.push({ path: ["journeys", j.id, ...i.path], message: i.message });
  for (const a of audiences)
    for (const i of unknownAudienceIssues(a.conditions, known))
      out.push({ path: ["audiences", a.id, "conditions", ...i.path], message: i.message });
  for (const i of audienceGraphIssues(audiences))
    out.push({ path: ["audiences", i.audience!, ...i.path], message: i.message });
  return out;
}
