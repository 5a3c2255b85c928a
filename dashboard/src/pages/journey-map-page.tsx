import { JourneyHeader } from "../components/journey-header.tsx";
import { JourneyMap } from "../components/journey-map.tsx";
import { MapTable } from "../components/map-table.tsx";
import { PeriodPicker } from "../components/period-picker.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { usePoll } from "../hooks/use-poll.ts";
import { useResource } from "../hooks/use-resource.ts";
import { dateTime } from "../lib/format.ts";
import { periodRange } from "../lib/period.ts";
import { period } from "../state.ts";

/** The journey map with live counts, refreshed every few seconds. */
export function JourneyMapPage({ id }: { id: string }) {
  const range = periodRange(period.value, Date.now());
  const res = useResource(async (c) => {
    const [record, stats] = await Promise.all([c.getJourney(id), c.stats(id, range).catch(() => null)]);
    return { record, stats, at: Date.now() };
  }, `${id}:${range.from}:${range.to}`);
  usePoll(() => void res.reload(), 5_000);
  const data = res.data;
  return (
    <div class="page">
      <JourneyHeader id={id} record={data?.record} current="map" actions={<PeriodPicker />} />
      <StatusMessage loading={res.loading && !data} error={res.error} />
      {data && (
        <>
          <section class="card">
            <h2 class="visually-hidden">Map</h2>
            {!data.stats && <p class="hint">No figures yet for this journey.</p>}
            <JourneyMap journey={data.record.journey} stats={data.stats} />
            <p class="muted small" aria-live="off">
              Draft shown; counts {range.from} to {range.to}, updated {dateTime(data.at)}.
            </p>
          </section>
          <section class="card">
            <h2>Figures</h2>
            <MapTable journey={data.record.journey} stats={data.stats} />
          </section>
        </>
      )}
    </div>
  );
}
