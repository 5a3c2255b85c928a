import { useSignal } from "@preact/signals";
import type { JourneySummary, TabStatus } from "../../messaging/protocol.ts";
import { JourneyCard } from "./JourneyCard.tsx";
import { SampleCartSettings } from "./SampleCartSettings.tsx";

/** Every journey of the site (drafts included), each with its stage x branch matrix to force. */
export function JourneyList({
  status,
  journeys,
  error,
}: {
  status: TabStatus;
  journeys: JourneySummary[] | null;
  error: string | null;
}) {
  const filter = useSignal("");
  if (error) return <div class="banner error">{error}</div>;
  if (!journeys) return <div class="muted">Loading journeys…</div>;
  if (!journeys.length) return <div class="muted">This site has no journeys yet.</div>;
  const q = filter.value.trim().toLowerCase();
  const shown = q ? journeys.filter((j) => `${j.id} ${j.name}`.toLowerCase().includes(q)) : journeys;
  return (
    <div class="stack" data-testid="journeys">
      <SampleCartSettings />
      {journeys.length > 5 && (
        <input
          placeholder="Filter journeys"
          value={filter.value}
          onInput={(e) => (filter.value = (e.target as HTMLInputElement).value)}
        />
      )}
      {shown.map((j) => (
        <JourneyCard key={j.id} journey={j} status={status} />
      ))}
    </div>
  );
}
