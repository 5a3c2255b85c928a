/** Move up / move down / remove for one row of a list, named for screen readers. */
export function RowButtons(p: { label: string; onUp?: () => void; onDown?: () => void; onRemove: () => void }) {
  return (
    <div class="row-buttons">
      <button
        type="button"
        class="btn small ghost icon"
        onClick={p.onUp}
        disabled={!p.onUp}
        aria-label={`Move ${p.label} up`}
        title="Move up"
      >
        ↑
      </button>
      <button
        type="button"
        class="btn small ghost icon"
        onClick={p.onDown}
        disabled={!p.onDown}
        aria-label={`Move ${p.label} down`}
        title="Move down"
      >
        ↓
      </button>
      <button type="button" class="btn small ghost danger" onClick={p.onRemove} aria-label={`Remove ${p.label}`}>
        Remove
      </button>
    </div>
  );
}
