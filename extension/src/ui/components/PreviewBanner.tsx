import type { ActivePreview } from "../../storage/schemas.ts";

/** The preview in force, and the way out of it. */
export function PreviewBanner({ preview, busy, onStop }: { preview: ActivePreview; busy: boolean; onStop(): void }) {
  const version = preview.version === "draft" ? "draft" : `v${preview.version}`;
  return (
    <div class="banner preview row" data-testid="preview-banner">
      <div>
        <div>
          Previewing <b>{preview.journey}</b>
          {preview.stage && (
            <>
              {" "}
              / stage <b>{preview.stage}</b>
            </>
          )}
          {preview.branch && (
            <>
              {" "}
              / branch <b>{preview.branch}</b>
            </>
          )}{" "}
          <span class="chip accent">{version}</span>
        </div>
        <div class="muted">
          until {new Date(preview.expiresAt).toLocaleTimeString()} · only on this site, only in this browser
        </div>
      </div>
      <span class="spacer" />
      <button class="danger" disabled={busy} onClick={onStop} data-testid="stop-preview">
        Stop preview
      </button>
    </div>
  );
}
