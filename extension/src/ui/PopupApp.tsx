import { browser } from "wxt/browser";
import { StatusHeader } from "./components/StatusHeader.tsx";
import { status, statusError } from "./state/panel-state.ts";
import { targetTabId } from "./state/target-tab.ts";

/** Opens the side panel next to this tab (Chrome's sidePanel, Firefox's sidebar); needs the click's user gesture. */
async function openSidePanel(windowId: number | undefined): Promise<void> {
  const b = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (b.sidePanel && windowId !== undefined) await b.sidePanel.open({ windowId });
  else if (b.sidebarAction) await b.sidebarAction.open();
  window.close();
}

/** The compact popup: status, the preview in force with its stop button, and the way to the side panel. */
export function PopupApp() {
  const s = status.value;
  return (
    <div class="popup stack content">
      <StatusHeader status={s} error={statusError.value} />
      <div class="row">
        <button
          class="primary"
          onClick={async () => {
            const tab = targetTabId.value !== null ? await browser.tabs.get(targetTabId.value) : undefined;
            await openSidePanel(tab?.windowId);
          }}
        >
          Open side panel
        </button>
        <button onClick={() => void browser.runtime.openOptionsPage()}>Options</button>
      </div>
    </div>
  );
}
