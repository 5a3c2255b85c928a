import type { JourneyStatus } from "@waymark/shared";

/** Draft / published / paused, plus "unpublished changes" when the draft differs from the live version. */
export function StatusBadge({ status, dirty }: { status: JourneyStatus; dirty?: boolean }) {
  return (
    <span class="badges">
      <span class={`badge status-${status}`}>{status}</span>
      {dirty && status !== "draft" && <span class="badge changes">unpublished changes</span>}
    </span>
  );
}
