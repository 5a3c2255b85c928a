import { notice } from "../state.ts";

/** The one message line (saved, published, errors): a live region so it is announced. */
export function NoticeBar() {
  const n = notice.value;
  return (
    <div class="notice-region" role="status" aria-live="polite">
      {n && (
        <div class={`notice ${n.kind}`}>
          <span>{n.text}</span>
          <button
            type="button"
            class="btn ghost small"
            onClick={() => (notice.value = null)}
            aria-label="Dismiss message"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
