import { useSignal } from "@preact/signals";
import { browser } from "wxt/browser";
import { sendMessage } from "../../messaging/send-message.ts";
import type { TabStatus } from "../../messaging/protocol.ts";
import { sameOrigin } from "../../lib/site-origin.ts";
import { PreviewBanner } from "./PreviewBanner.tsx";

/** Where the panel stands: which site, whether Waymark serves it, and what is being previewed. */
export function StatusHeader({ status, error }: { status: TabStatus | null; error: string | null }) {
  const busy = useSignal(false);
  const openOptions = () => void browser.runtime.openOptionsPage();
  if (error) return <div class="banner error">{error}</div>;
  if (!status) return <div class="muted">Looking at this tab…</div>;
  const { site, waymark, preview } = status;
  const previewHere = preview && sameOrigin(status.tab.url, preview.origin) ? preview : null;
  return (
    <div class="stack" data-testid="status">
      <div class="row">
        <span class="brand">Waymark QA</span>
        <span class="spacer" />
        {!site && <span class="chip">not a Waymark site</span>}
        {site && !status.granted && <span class="chip warn">no host access</span>}
        {site && waymark && (
          <span class={`chip ${waymark.healthy ? "ok" : "bad"}`} data-testid="waymark-detected">
            {waymark.healthy ? "Waymark detected" : "Waymark not answering"}
          </span>
        )}
        {waymark?.outcome && (
          <span class="chip accent" title="X-Waymark header of the last page load" data-testid="outcome">
            {waymark.outcome}
          </span>
        )}
      </div>
      {site ? (
        <div class="muted mono">{site.label ? `${site.label} · ${site.origin}` : site.origin}</div>
      ) : (
        <div class="muted">
          This tab ({status.tab.url ? new URL(status.tab.url).host || status.tab.url : "no page"}) is not one of your
          configured sites.{" "}
          <a href="#" onClick={openOptions}>
            Add a site
          </a>
        </div>
      )}
      {site && !status.granted && (
        <div class="banner">
          Grant access to {site.origin} in the{" "}
          <a href="#" onClick={openOptions}>
            options
          </a>{" "}
          to preview and trace.
        </div>
      )}
      {previewHere && (
        <PreviewBanner
          preview={previewHere}
          busy={busy.value}
          onStop={async () => {
            busy.value = true;
            try {
              await sendMessage("preview.stop", { tabId: status.tab.id, reload: true });
            } finally {
              busy.value = false;
            }
          }}
        />
      )}
      {preview && !previewHere && (
        <div class="banner muted">
          Previewing on {preview.origin}.{" "}
          <button class="small" onClick={() => void sendMessage("preview.stop", { reload: false })}>
            Stop
          </button>
        </div>
      )}
    </div>
  );
}
