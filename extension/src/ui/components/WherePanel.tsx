import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { SlotInfo } from "../../messaging/content-protocol.ts";
import { sendMessage } from "../../messaging/send-message.ts";

/** Where Waymark changed this page: highlight on the page, and a list to jump to each change. */
export function WherePanel({ tabId, reloads }: { tabId: number; reloads: number }) {
  const on = useSignal(false);
  const items = useSignal<SlotInfo[] | null>(null);
  const error = useSignal<string | null>(null);
  const set = async (value: boolean) => {
    try {
      items.value = await sendMessage("highlight.set", { tabId, on: value });
      on.value = value;
      error.value = null;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  };
  // A reload wipes the overlay: draw it again on the new page when it was on.
  useEffect(() => {
    if (on.value) void set(true);
  }, [reloads, tabId]);
  return (
    <div class="stack" data-testid="where">
      <div class="row">
        <h2>Where</h2>
        <span class="spacer" />
        <button class={on.value ? "" : "primary"} onClick={() => void set(!on.value)} data-testid="highlight-toggle">
          {on.value ? "Hide highlights" : "Highlight on page"}
        </button>
      </div>
      {error.value && <div class="banner error">{error.value}</div>}
      {items.value && items.value.length === 0 && <div class="muted">Waymark changed nothing on this page.</div>}
      {items.value && items.value.length > 0 && (
        <ul class="list" data-testid="where-list">
          {items.value.map((i) => (
            <li key={i.index}>
              <button class="item" onClick={() => void sendMessage("highlight.reveal", { tabId, index: i.index })}>
                <span>
                  <b>{i.journey}</b> · {i.stage} · {i.branch} · <code>{i.action}</code>{" "}
                  <span class="chip">{i.kind}</span> {!i.visible && <span class="chip warn">no box</span>}
                </span>
                <span class="muted">
                  &lt;{i.tag}&gt; {i.text}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
