import type { GraphEdge, GraphNode } from "./journey-graph.ts";

export const NODE_W = 150;
export const NODE_H = 58;
const COL = 230;
const ROW = 104;
const PAD_X = 70; // room for the entry arrow
const PAD_Y = 48; // room for arcs above the first row

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}
export interface PlacedEdge extends GraphEdge {
  d: string;
  lx: number;
  ly: number;
  /** Skips at least one column (drawn through the channel below the nodes). */
  skip: boolean;
}

/** Coordinates for the graph: columns by layer, rows centred in each column, curved edges with label points. */
export function placeGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]) {
  const perLayer = new Map<number, number>();
  for (const n of nodes) perLayer.set(n.layer, Math.max(perLayer.get(n.layer) ?? 0, n.row + 1));
  const tallest = Math.max(1, ...perLayer.values());
  const placed = nodes.map((n): PlacedNode => {
    const offset = ((tallest - (perLayer.get(n.layer) ?? 1)) * ROW) / 2;
    return { ...n, x: PAD_X + n.layer * COL, y: PAD_Y + offset + n.row * ROW };
  });
  const at = new Map(placed.map((n) => [n.id, n]));
  // Edges that skip a column run in a channel under every node, so they never pass behind one.
  const channel = Math.max(...placed.map((n) => n.y + NODE_H), 0) + 34;
  const pairIndex = new Map<string, number>();
  const placedEdges: PlacedEdge[] = [];
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const key = `${e.from}>${e.to}`;
    const k = pairIndex.get(key) ?? 0;
    pairIndex.set(key, k + 1);
    placedEdges.push({ ...e, ...edgePath(a, b, k, channel) });
  }
  const width = Math.max(...placed.map((n) => n.x + NODE_W), 300) + 60;
  const skips = placedEdges.some((e) => e.skip);
  const height = Math.max(
    PAD_Y + tallest * ROW + 40,
    skips ? channel + 24 + 22 * Math.max(0, ...pairIndex.values()) : 0,
  );
  return { nodes: placed, edges: placedEdges, width, height };
}

function edgePath(
  a: PlacedNode,
  b: PlacedNode,
  k: number,
  channel: number,
): { d: string; lx: number; ly: number; skip: boolean } {
  const spread = k * 22;
  if (Math.abs(b.layer - a.layer) > 1) {
    // Out of the side facing the target, down into the channel in the gap between columns, and back up.
    const right = b.x > a.x;
    const x1 = right ? a.x + NODE_W : a.x;
    const x2 = right ? b.x : b.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    const c = channel + spread;
    const bend = right ? 50 : -50;
    // Midpoint of the cubic: (P0 + 3 P1 + 3 P2 + P3) / 8.
    return {
      d: `M${x1},${y1} C${x1 + bend},${c} ${x2 - bend},${c} ${x2},${y2}`,
      lx: (x1 + x2) / 2,
      ly: (y1 + y2) / 8 + 0.75 * c + 4,
      skip: true,
    };
  }
  if (a.id === b.id) {
    // A loop over the node's top edge.
    const x1 = a.x + NODE_W * 0.35;
    const x2 = a.x + NODE_W * 0.65;
    const y = a.y;
    const lift = 40 + spread;
    return {
      d: `M${x1},${y} C${x1 - 20},${y - lift} ${x2 + 20},${y - lift} ${x2},${y}`,
      lx: a.x + NODE_W / 2,
      ly: y - lift + 4,
      skip: false,
    };
  }
  if (b.x > a.x) {
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2 + (k ? spread / 2 : 0);
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2 + (k ? spread / 2 : 0);
    const mx = (x1 + x2) / 2;
    return {
      d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`,
      lx: mx,
      ly: (y1 + y2) / 2 - 6 - spread,
      skip: false,
    };
  }
  // Same-column edges bulge out to the right; backward edges arc over the top of the columns between.
  if (b.x === a.x) {
    const x = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    const bulge = 50 + spread;
    return {
      d: `M${x},${y1} C${x + bulge},${y1} ${x + bulge},${y2} ${x},${y2}`,
      lx: x + bulge * 0.75,
      ly: (y1 + y2) / 2,
      skip: false,
    };
  }
  const x1 = a.x + NODE_W / 2;
  const x2 = b.x + NODE_W / 2;
  const y1 = a.y;
  const y2 = b.y;
  const top = Math.min(y1, y2) - 36 - spread;
  return { d: `M${x1},${y1} C${x1},${top} ${x2},${top} ${x2},${y2}`, lx: (x1 + x2) / 2, ly: top + 8, skip: false };
}

/** The node under a point of the map (SVG coordinates), if any: where a dragged transition is dropped. */
export function nodeAt<N extends { x: number; y: number }>(nodes: readonly N[], x: number, y: number): N | undefined {
  return nodes.find((n) => x >= n.x && x <= n.x + NODE_W && y >= n.y && y <= n.y + NODE_H);
}
