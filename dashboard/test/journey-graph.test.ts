import { describe, expect, it } from "vitest";
import { NODE_H, NODE_W, nodeAt, placeGraph } from "../src/lib/graph-geometry.ts";
import { ANY, edgeCounts, journeyGraph, type GraphEdge } from "../src/lib/journey-graph.ts";
import cases from "./cases/journey-graph.json";

describe("journey graph", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const g = journeyGraph(c.journey);
    expect(Object.fromEntries(g.nodes.map((n) => [n.id, n.layer]))).toEqual(c.layers);
    expect(g.edges.map((e) => [e.id, e.from, e.to, e.label])).toEqual(c.edges);
  });

  it("marks the start and exit stages", () => {
    const g = journeyGraph(cases[0].journey);
    expect(g.nodes.filter((n) => n.start).map((n) => n.id)).toEqual(["browsing"]);
    expect(g.nodes.filter((n) => n.exit).map((n) => n.id)).toEqual(["purchased"]);
    expect(g.nodes.find((n) => n.id === ANY)?.kind).toBe("any");
  });

  it("places every node without overlap and gives every edge a path", () => {
    const g = journeyGraph(cases[0].journey);
    const p = placeGraph(g.nodes, g.edges);
    const spots = new Set(p.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(p.nodes.length);
    expect(p.edges).toHaveLength(g.edges.length);
    for (const e of p.edges) expect(e.d).toMatch(/^M[\d.]+,[\d.]+ C/);
    for (const n of p.nodes) {
      expect(n.x + 150).toBeLessThanOrEqual(p.width);
      expect(n.y + 58).toBeLessThanOrEqual(p.height);
    }
  });
});

describe("dropping on the map", () => {
  const p = placeGraph(journeyGraph(cases[0].journey).nodes, []);
  it("finds the node under a point, inside its box only", () => {
    for (const n of p.nodes) {
      expect(nodeAt(p.nodes, n.x + 1, n.y + 1)?.id).toBe(n.id);
      expect(nodeAt(p.nodes, n.x + NODE_W / 2, n.y + NODE_H - 1)?.id).toBe(n.id);
    }
    expect(nodeAt(p.nodes, 0, 0)).toBeUndefined();
    expect(nodeAt(p.nodes, p.nodes[0].x + NODE_W + 5, p.nodes[0].y + 5)).toBeUndefined();
  });
});

describe("edge counts from the stats' transition pairs", () => {
  const edges = journeyGraph(cases[0].journey).edges;
  const counts = [
    { from: null, to: "browsing", count: 10 },
    { from: "browsing", to: "carting", count: 6 },
    { from: "abandoned", to: "carting", count: 1 },
    { from: "carting", to: "abandoned", count: 3 },
    { from: "carting", to: "purchased", count: 2 },
    { from: "abandoned", to: "purchased", count: 1 },
  ];
  const got = edgeCounts(edges, counts);

  it("counts entries from nowhere on the entry arrow", () => expect(got.entries).toBe(10));
  it("gives explicit edges their own pair", () => {
    expect(got.edges.get("t1")).toBe(3);
    expect(got.edges.get("t2")).toBe(1);
  });
  it("gives '*' edges the moves into their target no explicit edge explains", () => {
    expect(got.edges.get("t0")).toBe(6); // browsing->carting; abandoned->carting is t2's
    expect(got.edges.get("t3")).toBe(3);
  });
  it("counts a pair once when two edges share it", () => {
    const twin: GraphEdge[] = [
      { id: "a", transition: 0, from: "x", to: "y", trigger: "on", label: "e" },
      { id: "b", transition: 1, from: "x", to: "y", trigger: "after", label: "after 1h" },
    ];
    const r = edgeCounts(twin, [{ from: "x", to: "y", count: 4 }]);
    expect([r.edges.get("a"), r.edges.get("b")]).toEqual([4, 0]);
  });
});
