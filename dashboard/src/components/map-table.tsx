import type { Journey, StatsResponse } from "@waymark/shared";
import { count } from "../lib/format.ts";
import { ANY, edgeCounts, journeyGraph } from "../lib/journey-graph.ts";

/** The map's figures as tables: the same facts for screen readers and for a quick read. */
export function MapTable({ journey, stats }: { journey: Journey; stats: StatsResponse | null }) {
  const g = journeyGraph(journey);
  const counts = edgeCounts(g.edges, stats?.transitions ?? []);
  return (
    <div class="map-tables">
      <table class="compact" data-table="stages">
        <caption>Stages</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" class="num">
              Now
            </th>
            <th scope="col" class="num">
              Entered
            </th>
          </tr>
        </thead>
        <tbody>
          {journey.stages.map((s) => (
            <tr key={s.id} data-stage={s.id}>
              <th scope="row">
                {s.name ?? s.id} {s.exit && <span class="badge">exit</span>}
              </th>
              <td class="num" data-cell="current">
                {count(stats?.stages[s.id]?.current ?? 0)}
              </td>
              <td class="num">{count(stats?.stages[s.id]?.entries ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="compact" data-table="transitions">
        <caption>Transitions</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Trigger</th>
            <th scope="col" class="num">
              Moved
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>(entry)</td>
            <td>{journey.start}</td>
            <td>first seen</td>
            <td class="num">{count(counts.entries)}</td>
          </tr>
          {g.edges.map((e) => (
            <tr key={e.id} data-edge={e.id}>
              <td>{e.from === ANY ? "any stage" : e.from}</td>
              <td>{e.to}</td>
              <td>{e.trigger === "after" ? e.label : `on ${e.label}`}</td>
              <td class="num">{count(counts.edges.get(e.id) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
