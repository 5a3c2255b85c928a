/** The journey as a graph: stages are nodes, each transition source an edge ("*" edges start at "any stage"). */
export interface GraphNode {
  id: string;
  label: string;
  kind: "stage" | "any";
  start: boolean;
  exit: boolean;
  layer: number;
  row: number;
}

export interface GraphEdge {
  id: string;
  /** Index of the transition in the journey's list. */
  transition: number;
  from: string; // a stage id, or ANY
  to: string;
  trigger: "on" | "after";
  label: string;
}

export const ANY = "*";

interface TransitionLike {
  from?: unknown;
  to?: unknown;
  on?: unknown;
  after?: unknown;
}
export interface JourneyLike {
  stages?: { id?: unknown; name?: unknown; exit?: unknown }[];
  start?: unknown;
  transitions?: TransitionLike[];
}

const sources = (from: unknown): string[] =>
  from === ANY ? [ANY] : typeof from === "string" ? [from] : Array.isArray(from) ? from.map(String) : [];

/**
 * Nodes in layers (columns) by distance from the start stage, "any stage" transitions counting from every stage
 * reached; exit stages and unreachable ones in a last column. Within a column, the journey's stage order.
 */
export function journeyGraph(journey: JourneyLike): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const stages = (journey.stages ?? []).filter((s) => typeof s?.id === "string");
  const ids = new Set(stages.map((s) => s.id as string));
  const edges: GraphEdge[] = [];
  (journey.transitions ?? []).forEach((t, i) => {
    if (typeof t?.to !== "string" || !ids.has(t.to)) return;
    const trigger = t.after !== undefined ? "after" : "on";
    const label = trigger === "after" ? `after ${String(t.after)}` : String(t.on ?? "?");
    const from = sources(t.from).filter((f) => f === ANY || ids.has(f));
    from.forEach((f, k) =>
      edges.push({
        id: from.length > 1 ? `t${i}-${k}` : `t${i}`,
        transition: i,
        from: f,
        to: t.to as string,
        trigger,
        label,
      }),
    );
  });

  const exits = new Set(stages.filter((s) => s.exit === true).map((s) => s.id as string));
  const layer = new Map<string, number>();
  const start = typeof journey.start === "string" && ids.has(journey.start) ? journey.start : undefined;
  if (start) {
    layer.set(start, 0);
    const queue = [start];
    while (queue.length) {
      const cur = queue.shift()!;
      if (exits.has(cur)) continue;
      for (const e of edges)
        if ((e.from === cur || e.from === ANY) && !layer.has(e.to)) {
          layer.set(e.to, layer.get(cur)! + 1);
          queue.push(e.to);
        }
    }
  }
  // Exit stages all sit in the last column, where the journey ends; unreachable stages beside them.
  const last = Math.max(0, ...[...layer].filter(([id]) => !exits.has(id)).map(([, l]) => l)) + 1;
  for (const id of ids) if (exits.has(id) || !layer.has(id)) layer.set(id, id === start ? 0 : last);
  const rows = new Map<number, number>();
  const nodes: GraphNode[] = stages.map((s) => {
    const id = s.id as string;
    const l = layer.get(id)!;
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    const name = typeof s.name === "string" && s.name ? s.name : id;
    return { id, label: name, kind: "stage", start: id === start, exit: s.exit === true, layer: l, row };
  });
  if (edges.some((e) => e.from === ANY))
    nodes.push({
      id: ANY,
      label: "any stage",
      kind: "any",
      start: false,
      exit: false,
      layer: 0,
      row: rows.get(0) ?? 0,
    });
  return { nodes, edges };
}

export interface TransitionCount {
  from: string | null;
  to: string;
  count: number;
}

/**
 * How many visitors moved along each edge in the period. Counts are kept per (from, to) pair, so an explicit
 * edge takes its pair's count (the first edge of a pair, if several), an "any stage" edge the moves into its
 * target that no explicit edge explains, and the entry arrow the moves from nowhere into the journey.
 */
export function edgeCounts(edges: readonly GraphEdge[], counts: readonly TransitionCount[]) {
  const pair = (f: string | null, t: string) => `${f ?? ""}\u0000${t}`;
  const byPair = new Map<string, number>();
  for (const c of counts) byPair.set(pair(c.from, c.to), (byPair.get(pair(c.from, c.to)) ?? 0) + c.count);
  const explicit = new Set(edges.filter((e) => e.from !== ANY).map((e) => pair(e.from, e.to)));
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const e of edges) {
    if (e.from === ANY) {
      let n = 0;
      for (const c of counts) if (c.to === e.to && c.from !== null && !explicit.has(pair(c.from, c.to))) n += c.count;
      const key = `*${e.to}`;
      out.set(e.id, seen.has(key) ? 0 : n);
      seen.add(key);
    } else {
      const key = pair(e.from, e.to);
      out.set(e.id, seen.has(key) ? 0 : (byPair.get(key) ?? 0));
      seen.add(key);
    }
  }
  let entries = 0;
  for (const c of counts) if (c.from === null) entries += c.count;
  return { edges: out, entries };
}
