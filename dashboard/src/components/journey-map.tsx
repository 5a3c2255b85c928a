import type { StatsResponse } from "@waymark/shared";
import { useMemo, useRef, useState } from "preact/hooks";
import { count } from "../lib/format.ts";
import { NODE_H, NODE_W, nodeAt, placeGraph, type PlacedEdge } from "../lib/graph-geometry.ts";
import { ANY, edgeCounts, journeyGraph, type JourneyLike } from "../lib/journey-graph.ts";
import type { MapSelection } from "../lib/map-selection.ts";

const edgeLabel = (e: PlacedEdge, n: number) =>
  `${e.trigger === "after" ? e.label : `on ${e.label}`}: ${e.from === ANY ? "any stage" : e.from} to ${e.to}, ${n} moved in the period`;

/** What the map does when it is the journey's editor (absent: a picture with live counts). */
export interface MapEditing {
  selected: MapSelection | null;
  select: (s: MapSelection | null) => void;
  /** A transition dragged from one stage (or "*") to another. */
  connect: (from: string, to: string) => void;
  /** "t" on a stage: add a transition from it, the target chosen from a list. */
  startConnect: (from: string) => void;
  remove: (s: MapSelection) => void;
  /** A double click on the empty canvas. */
  addStage: () => void;
  /** The id of the text that explains the map's keys (aria-describedby of every stage and arrow). */
  helpId: string;
}

interface Drag {
  from: string;
  pointer: number;
  x0: number;
  y0: number;
  x: number;
  y: number;
  moved: boolean;
}

const same = (a: MapSelection | null, b: MapSelection) =>
  !!a &&
  (a.kind === "stage" && b.kind === "stage"
    ? a.id === b.id
    : a.kind === "edge" && b.kind === "edge" && a.transition === b.transition && a.from === b.from);

/**
 * The journey as marketers think of it: stages as boxes with how many visitors are in each now, transitions
 * as arrows with how many moved along them in the period. Every box and arrow is focusable and labelled. With
 * `edit`, the map is the journey's editor: drag from a stage to another to add a transition, click (or Enter) to
 * select, Delete to remove, "t" to add a transition from the focused stage, Esc to cancel.
 */
export function JourneyMap({
  journey,
  stats,
  edit,
}: {
  journey: JourneyLike & { name?: unknown };
  stats: StatsResponse | null;
  edit?: MapEditing;
}) {
  const graph = useMemo(() => {
    const g = journeyGraph(journey);
    return { ...placeGraph(g.nodes, g.edges), raw: g };
  }, [journey]);
  const counts = useMemo(() => edgeCounts(graph.raw.edges, stats?.transitions ?? []), [graph, stats]);
  const start = graph.nodes.find((n) => n.start);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  // Pointer position in the map's own coordinates (the SVG is drawn at its viewBox size, but may be zoomed).
  const at = (e: PointerEvent | MouseEvent) => {
    const r = svg.current!.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * graph.width) / Math.max(1, r.width),
      y: ((e.clientY - r.top) * graph.height) / Math.max(1, r.height),
    };
  };
  const target = drag?.moved ? nodeAt(graph.nodes, drag.x, drag.y) : undefined;
  const dropOn = target && target.kind === "stage" && target.id !== drag?.from ? target.id : null;

  const nodeDown = (e: PointerEvent, id: string) => {
    if (!edit || e.button !== 0) return;
    const p = at(e);
    svg.current!.setPointerCapture?.(e.pointerId);
    setDrag({ from: id, pointer: e.pointerId, x0: p.x, y0: p.y, ...p, moved: false });
  };
  const move = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const p = at(e);
    setDrag({ ...drag, ...p, moved: drag.moved || Math.hypot(p.x - drag.x0, p.y - drag.y0) > 6 });
  };
  const up = (e: PointerEvent) => {
    if (!drag || !edit || e.pointerId !== drag.pointer) return;
    setDrag(null);
    if (!drag.moved) {
      // A click: with the pointer captured by the map, the stage's own click never fires.
      if (drag.from !== ANY) edit.select({ kind: "stage", id: drag.from });
      (svg.current?.querySelector(`g.node[data-stage="${CSS.escape(drag.from)}"]`) as SVGGElement | null)?.focus();
    } else if (dropOn) edit.connect(drag.from, dropOn);
  };
  const keys = (e: KeyboardEvent, s: MapSelection) => {
    if (!edit) return;
    if (e.key === "Enter" || e.key === " ") edit.select(s);
    else if (e.key === "Delete" || e.key === "Backspace") edit.remove(s);
    else if (e.key === "Escape") {
      if (drag) setDrag(null);
      edit.select(null);
    } else if ((e.key === "t" || e.key === "T") && s.kind === "stage" && !e.ctrlKey && !e.metaKey && !e.altKey)
      edit.startConnect(s.id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const editable = (s: MapSelection) =>
    edit
      ? {
          role: "button" as const,
          "aria-pressed": same(edit.selected, s),
          "aria-describedby": edit.helpId,
          onKeyDown: (e: KeyboardEvent) => keys(e, s),
        }
      : {};
  const dragFrom = drag?.moved ? graph.nodes.find((n) => n.id === drag.from) : undefined;

  return (
    <figure class={`journey-map${edit ? " editing" : ""}`}>
      <div class="map-scroll">
        <svg
          ref={svg}
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          width={graph.width}
          height={graph.height}
          role="group"
          aria-label={`Map of ${String(journey.name ?? "")}`}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={() => setDrag(null)}
          onDblClick={(e) => {
            if (edit && !(e.target as Element).closest("g.node, g.edge")) edit.addStage();
          }}
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="11"
              markerHeight="11"
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
          {graph.edges.map((e) => {
            const sel: MapSelection = { kind: "edge", transition: e.transition, from: e.from };
            return (
              <g
                key={e.id}
                class={`edge ${e.trigger} ${e.from === ANY ? "from-any" : ""}${edit && same(edit.selected, sel) ? " selected" : ""}`}
                tabindex={0}
                aria-label={edgeLabel(e, counts.edges.get(e.id) ?? 0)}
                data-edge={e.id}
                data-transition={e.transition}
                onClick={edit ? () => edit.select(sel) : undefined}
                {...editable(sel)}
              >
                <title>{edgeLabel(e, counts.edges.get(e.id) ?? 0)}</title>
                {edit && <path d={e.d} class="hit" />}
                <path d={e.d} marker-end="url(#arrow)" />
              </g>
            );
          })}
          {graph.nodes.map((node) => {
            const s = stats?.stages[node.id];
            const now = s?.current ?? 0;
            const label =
              node.kind === "any"
                ? "Any stage: the source of transitions that apply from every stage"
                : `Stage ${node.label}${node.exit ? " (exit)" : ""}${node.start ? " (start)" : ""}: ${now} visitors now, ${s?.entries ?? 0} entered in the period`;
            const sel: MapSelection = { kind: "stage", id: node.id };
            return (
              <g
                key={node.id}
                class={`node ${node.kind} ${node.exit ? "exit" : ""} ${node.start ? "start" : ""}${edit && node.kind === "stage" && same(edit.selected, sel) ? " selected" : ""}${dropOn === node.id ? " drop-target" : ""}${drag?.from === node.id ? " drag-source" : ""}`}
                transform={`translate(${node.x},${node.y})`}
                tabindex={0}
                aria-label={label}
                data-stage={node.id}
                onPointerDown={(e) => nodeDown(e, node.id)}
                {...(node.kind === "stage" ? editable(sel) : {})}
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
              <text
                key={e.id}
                x={e.lx}
                y={e.ly}
                text-anchor="middle"
                class={`edge-label ${e.trigger}`}
                onClick={edit ? () => edit.select({ kind: "edge", transition: e.transition, from: e.from }) : undefined}
              >
                {e.label}
                <tspan class="edge-count" dx="6">
                  {count(counts.edges.get(e.id) ?? 0)}
                </tspan>
              </text>
            ))}
          </g>
          {dragFrom && drag && (
            <path
              class="drag-line"
              aria-hidden="true"
              d={`M${dragFrom.x + NODE_W / 2},${dragFrom.y + NODE_H / 2} L${drag.x},${drag.y}`}
              marker-end="url(#arrow)"
            />
          )}
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
