import type { Journey, JourneyStatus } from "@waymark/shared";
import { runState } from "../lib/journey-schedule.ts";

type Entry = Pick<Journey, "schedule" | "traffic" | "group">;

/**
 * Draft / published / paused, plus "unpublished changes" when the draft differs from the live version. With the
 * journey: for a published one whether it is scheduled, running or ended now (its schedule), and its traffic share
 * below 100% and its exclusion group.
 */
export function StatusBadge({
  status,
  dirty,
  journey,
  now = Date.now(),
}: {
  status: JourneyStatus;
  dirty?: boolean;
  journey?: Partial<Entry>;
  now?: number;
}) {
  const run = journey && status === "published" ? runState(journey, now) : null;
  const when = run === "scheduled" ? journey?.schedule?.start : run === "ended" ? journey?.schedule?.end : undefined;
  const traffic = journey?.traffic;
  return (
    <span class="badges">
      <span class={`badge status-${status}`}>{status}</span>
      {run && (
        <span
          class={`badge run-${run}`}
          title={when ? `${run === "scheduled" ? "starts" : "ended"} ${new Date(when).toLocaleString()}` : undefined}
        >
          {run}
        </span>
      )}
      {typeof traffic === "number" && traffic < 1 && (
        <span class="badge traffic" title="share of visitors who enter">
          {Math.round(traffic * 1000) / 10}% traffic
        </span>
      )}
      {journey?.group && (
        <span class="badge group" title="exclusion group: a visitor is in at most one of its journeys">
          group {journey.group}
        </span>
      )}
      {dirty && status !== "draft" && <span class="badge changes">unpublished changes</span>}
    </span>
  );
}
