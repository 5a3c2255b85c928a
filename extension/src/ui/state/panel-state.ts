import { signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { sendMessage } from "../../messaging/send-message.ts";
import type { JourneySummary, TabStatus } from "../../messaging/protocol.ts";
import { previewItem } from "../../storage/items.ts";
import { targetTabId } from "./target-tab.ts";

export const status = signal<TabStatus | null>(null);
export const statusError = signal<string | null>(null);
export const journeys = signal<JourneySummary[] | null>(null);
export const journeysError = signal<string | null>(null);
/** Bumped after every completed load of the target tab, so views showing page facts refresh. */
export const pageLoads = signal(0);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function refreshStatus(): Promise<void> {
  const tabId = targetTabId.value;
  if (tabId === null) return;
  try {
    status.value = await sendMessage("tab.status", { tabId });
    statusError.value = null;
  } catch (err) {
    statusError.value = message(err);
  }
}

export async function refreshJourneys(): Promise<void> {
  const origin = status.value?.site?.origin;
  if (!origin || !status.value?.granted) {
    journeys.value = null;
    return;
  }
  try {
    journeys.value = await sendMessage("journeys.list", { origin });
    journeysError.value = null;
  } catch (err) {
    journeysError.value = message(err);
  }
}

/** Keeps status and journeys current: on tab switch, on each finished load of the tab, on preview changes. */
export function watchPanelState(): void {
  let lastOrigin: string | null = null;
  const refreshAll = async () => {
    await refreshStatus();
    const origin = status.value?.site?.origin ?? null;
    if (origin !== lastOrigin || journeys.value === null) {
      lastOrigin = origin;
      await refreshJourneys();
    }
  };
  targetTabId.subscribe(() => void refreshAll());
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (tabId !== targetTabId.value) return;
    if (change.status === "complete" || change.url) {
      void refreshAll();
      if (change.status === "complete") pageLoads.value++;
    }
  });
  previewItem.watch(() => void refreshStatus());
}
