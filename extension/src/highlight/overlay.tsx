import type { SlotInfo } from "../messaging/content-protocol.ts";
import type { Box } from "./find-marked.ts";

export interface OverlayProps {
  items: { info: SlotInfo; box: Box }[];
  selected: number | null;
  flash: number | null;
  onSelect(index: number | null): void;
}

function label(i: SlotInfo): string {
  return [i.journey, i.branch, i.action].filter(Boolean).join(" · ");
}

/** The highlight boxes over Waymark's changes, and the card describing the one clicked. */
export function Overlay({ items, selected, flash, onSelect }: OverlayProps) {
  const card = items.find((x) => x.info.index === selected)?.info;
  return (
    <div class="root">
      {items
        .filter((x) => x.info.visible)
        .map(({ info, box }) => (
          <div
            key={info.index}
            class={`box${selected === info.index ? " selected" : ""}${flash === info.index ? " flash" : ""}`}
            data-index={info.index}
            style={{ left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` }}
            onClick={(e) => {
              e.preventDefault();
              e.stopPropagation();
              onSelect(info.index);
            }}
          >
            <span class="tag">{label(info)}</span>
          </div>
        ))}
      {card && (
        <div class="card" role="dialog" aria-label="Waymark change">
          <button type="button" aria-label="Close" onClick={() => onSelect(null)}>
            ×
          </button>
          <h2>{card.kind === "inserted" ? "Inserted by Waymark" : "Changed by Waymark"}</h2>
          <dl>
            <dt>Journey</dt>
            <dd class="journey">{card.journey}</dd>
            <dt>Stage</dt>
            <dd class="stage">{card.stage}</dd>
            <dt>Branch</dt>
            <dd class="branch">{card.branch}</dd>
            <dt>Action</dt>
            <dd class="action">{card.action}</dd>
            <dt>Element</dt>
            <dd>&lt;{card.tag}&gt;</dd>
          </dl>
          {!card.visible && <p class="hidden-note">This element has no box on the page (hidden by the action).</p>}
        </div>
      )}
    </div>
  );
}
