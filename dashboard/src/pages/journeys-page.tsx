import type { JourneyRecord, StatsResponse, WaymarkClient } from "@waymark/shared";
import { useState } from "preact/hooks";
import { call, errorText } from "../api.ts";
import { can } from "../access.ts";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { RoleNote } from "../components/role-note.tsx";
import { PeriodPicker } from "../components/period-picker.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { usePoll } from "../hooks/use-poll.ts";
import { useResource } from "../hooks/use-resource.ts";
import { ago, count, dateTime } from "../lib/format.ts";
import { liveCounts } from "../lib/live-counts.ts";
import { periodRange } from "../lib/period.ts";
import { href, journeyHref } from "../paths.ts";
import { period, say } from "../state.ts";

interface Row {
  record: JourneyRecord;
  stats: StatsResponse | null;
}

async function loadRows(c: WaymarkClient, range: { from: string; to: string }): Promise<Row[]> {
  const { journeys } = await c.listJourneys();
  // Stats are extra: a journey whose stats fail still shows.
  const stats = await Promise.all(journeys.map((j) => c.stats(j.id, range).catch(() => null)));
  return journeys
    .map((record, i) => ({ record, stats: stats[i] }))
    .sort((a, b) => b.record.journey.priority - a.record.journey.priority || a.record.id.localeCompare(b.record.id));
}

/** Every journey: status, priority, last change, live counts; create, pause/resume, delete. */
export function JourneysPage() {
  const range = periodRange(period.value, Date.now());
  const res = useResource((c) => loadRows(c, range), `${range.from}:${range.to}`);
  usePoll(() => void res.reload(), 10_000);
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (id: string, what: string, fn: (c: WaymarkClient) => Promise<unknown>, done: string) => {
    setBusy(id + what);
    try {
      await call(fn);
      say("success", done);
      await res.reload();
    } catch (err) {
      say("error", errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const now = Date.now();
  return (
    <div class="page">
      <header class="page-head">
        <h1>Journeys</h1>
        <div class="page-actions">
          <PeriodPicker />
          {can("edit") && (
            <a class="btn primary" href={href("journeys/new")}>
              New journey
            </a>
          )}
        </div>
      </header>
      <RoleNote capability="edit" />
      <RoleNote capability="pause" />
      <StatusMessage loading={res.loading && !res.data} error={res.error} />
      {res.data && res.data.length === 0 && <p class="empty card">No journeys yet. Create the first one.</p>}
      {res.data && res.data.length > 0 && (
        <div class="table-wrap card">
          <table class="journeys">
            <caption class="visually-hidden">Journeys, highest priority first</caption>
            <thead>
              <tr>
                <th scope="col">Journey</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Priority
                </th>
                <th scope="col">Last change</th>
                <th scope="col" class="num">
                  In it now
                </th>
                <th scope="col" class="num">
                  Exposures
                </th>
                <th scope="col" class="num">
                  Conversions
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {res.data.map(({ record, stats }) => {
                const j = record.journey;
                const exits = new Set(j.stages.filter((s) => s.exit).map((s) => s.id));
                const live = stats ? liveCounts(stats, exits) : null;
                return (
                  <tr key={record.id} data-journey={record.id}>
                    <th scope="row">
                      <a href={journeyHref(record.id)} class="journey-name">
                        {j.name}
                      </a>
                      <span class="muted mono small">{record.id}</span>
                      <span class="sub-links small">
                        <a href={journeyHref(record.id, "map")} aria-label={`Journey map of ${j.name}`}>
                          Map
                        </a>
                        <a href={journeyHref(record.id, "results")} aria-label={`Results of ${j.name}`}>
                          Results
                        </a>
                      </span>
                    </th>
                    <td>
                      <StatusBadge status={record.status} dirty={record.dirty} journey={record.journey} now={now} />
                    </td>
                    <td class="num">{j.priority}</td>
                    <td>
                      <span title={dateTime(record.updatedAt)}>{ago(record.updatedAt, now)}</span>
                      <span class="muted small"> by {record.updatedBy}</span>
                    </td>
                    <td class="num" data-cell="current">
                      {live ? count(live.inJourney) : "–"}
                    </td>
                    <td class="num" data-cell="exposures">
                      {live ? count(live.exposures) : "–"}
                    </td>
                    <td class="num">{live ? count(live.conversions) : "–"}</td>
                    <td class="row-actions">
                      {record.status === "paused" ? (
                        <button
                          type="button"
                          class="btn small"
                          disabled={busy !== null || !can("pause")}
                          aria-label={`Resume ${j.name}`}
                          onClick={() =>
                            act(record.id, "resume", (c) => c.resumeJourney(record.id), `Resumed “${j.name}”.`)
                          }
                        >
                          Resume
                        </button>
                      ) : (
                        <ConfirmButton
                          label="Pause"
                          ariaLabel={`Pause ${j.name}`}
                          disabled={busy !== null || record.status === "draft" || !can("pause")}
                          title={`Pause “${j.name}”?`}
                          message={
                            <p>Visitors stop moving through it and see none of its actions until you resume it.</p>
                          }
                          confirmLabel="Pause journey"
                          onConfirm={() =>
                            act(record.id, "pause", (c) => c.pauseJourney(record.id), `Paused “${j.name}”.`)
                          }
                        />
                      )}
                      <ConfirmButton
                        label="Delete"
                        danger
                        ariaLabel={`Delete ${j.name}`}
                        disabled={busy !== null || !can("edit")}
                        title={`Delete “${j.name}”?`}
                        message={
                          <p>
                            The draft is deleted.{" "}
                            {record.status !== "draft" && "It stays live until the next publish; "}
                            published versions keep it for rollback.
                          </p>
                        }
                        confirmLabel="Delete journey"
                        onConfirm={() =>
                          act(record.id, "delete", (c) => c.deleteJourney(record.id), `Deleted “${j.name}”.`)
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
