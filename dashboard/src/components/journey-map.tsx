import type { Journey, StatsResponse } from "@waymark/shared";
import { useMemo } from "preact/hooks";
import { count } from "../lib/format.ts";
import { NODE_H, NODE_W, placeGraph, type PlacedEdge } from "../lib/graph-geometry.ts";
import { ANY, edgeCounts, journeyGraph } from "../lib/journey-graph.ts";

const edgeLabel = (e: PlacedEdge, n: number) =>
  `${e.trigger === "after" ? e.label : `on ${e.label}`}: ${e.from === ANY ? "any stage" : e.from} to ${e.to}, ${n} moved in the period`;

/**
 * The journey as marketers think of it: stages as boxes with how many visitors are in each now, transitions
 * as arrows with how many moved along them in the period. Every box and arrow is focusable and labelled.
 */
export function JourneyMap({ journey, stats }: { journey: Journey; stats: StatsResponse | null }) {
  const graph = useMemo(() => {
    const g = journeyGraph(journey);
    return { ...placeGraph(g.nodes, g.edges), raw: g };
  }, [journey]);
  const counts = useMemo(() => edgeCounts(graph.raw.edges, stats?.transitions ?? []), [graph, stats]);
  const start = graph.nodes.find((n) => n.start);
  return (
    <figure class="journey-map">
      <div class="map-scroll">
        <svg
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          width={graph.width}
          height={graph.height}
          role="group"
          aria-label={`Map of ${journey.name}`}
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" class="arrowhead" />
            </marker>
          </defs>
          {start && (
            <g
              class="entry"
              tabindex={0}
              aria-label={`Entry into ${start.id}: ${counts.entries} visitors entered in the period`}
            >
              <title>{`${counts.entries} entered`}</title>
              <circle cx={16} cy={start.y + NODE_H / 2} r={6} />
              <path
                d={`M22,${start.y + NODE_H / 2} L${start.x - 2},${start.y + NODE_H / 2}`}
                marker-end="url(#arrow)"
              />
              <text x={18} y={start.y + NODE_H / 2 - 12} class="edge-count">
                {count(counts.entries)}
              </text>
            </g>
          )}
          {graph.edges.map((e) => (
            <g
              key={e.id}
              class={`edge ${e.trigger} ${e.from === ANY ? "from-any" : ""}`}
              tabindex={0}
              aria-label={edgeLabel(e, counts.edges.get(e.id) ?? 0)}
              data-edge={e.id}
            >
              <title>{edgeLabel(e, counts.edges.get(e.id) ?? 0)}</title>
              <path d={e.d} marker-end="url(#arrow)" />
            </g>
          ))}
          {graph.nodes.map((node) => {
            const s = stats?.stages[node.id];
            const now = s?.current ?? 0;
            const label =
              node.kind === "any"
                ? "Any stage: the source of transitions that apply from every stage"
                : `Stage ${node.label}${node.exit ? " (exit)" : ""}${node.start ? " (start)" : ""}: ${now} visitors now, ${s?.entries ?? 0} entered in the period`;
            return (
              <g
                key={node.id}
                class={`node ${node.kind} ${node.exit ? "exit" : ""} ${node.start ? "start" : ""}`}
                transform={`translate(${node.x},${node.y})`}
                tabindex={0}
                aria-label={label}
                data-stage={node.id}
              >
                <title>{label}</title>
                <rect width={NODE_W} height={NODE_H} rx={node.exit ? NODE_H / 2 : 10} />
                {node.exit && (
                  <rect class="exit-ring" x={4} y={4} width={NODE_W - 8} height={NODE_H - 8} rx={(NODE_H - 8) / 2} />
                )}
                <text x={12} y={22} class="node-title">
                  {node.label.length > 18 ? node.label.slice(0, 17) + "…" : node.label}
                </text>
                {node.kind === "stage" && (
                  <text x={12} y={44} class="node-count" data-current={now}>
                    {count(now)} <tspan class="node-unit">now</tspan>
                  </text>
                )}
                {node.start && (
                  <text x={NODE_W - 10} y={20} text-anchor="end" class="node-tag">
                    start
                  </text>
                )}
                {node.exit && (
                  <text x={NODE_W - 14} y={20} text-anchor="end" class="node-tag">
                    exit
                  </text>
                )}
              </g>
            );
          })}
          <g aria-hidden="true" class="edge-labels">
            {graph.edges.map((e) => (
              <text key={e.id} x={e.lx} y={e.ly} text-anchor="middle" class={`edge-label ${e.trigger}`}>
                {e.label}
                <tspan class="edge-count" dx="6">
                  {count(counts.edges.get(e.id) ?? 0)}
                </tspan>
              </text>
            ))}
          </g>
        </svg>
      </div>
      <figcaption class="legend">
        <span class="lg lg-stage">stage (visitors in it now)</span>
        <span class="lg lg-exit">exit stage</span>
        <span class="lg lg-on">on event</span>
        <span class="lg lg-after">after time</span>
        <span class="lg lg-count">visitors moved in the period</span>
      </figcaption>
    </figure>
  );
}
