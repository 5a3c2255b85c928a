import { signal } from "@preact/signals";
import { browser } from "wxt/browser";

/** The site tab the panel works on. */
export const targetTabId = signal<number | null>(null);

/**
 * Follows the active tab of this window (the side panel sits beside it), or sticks to `?tabId=N` when the page was
 * opened for one tab (the QA grid in its own tab, automated tests).
 */
export function followTargetTab(search: string): void {
  const fixed = Number(new URLSearchParams(search).get("tabId"));
  if (Number.isInteger(fixed) && fixed >= 0 && new URLSearchParams(search).has("tabId")) {
    targetTabId.value = fixed;
    return;
  }
  const pick = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) targetTabId.value = tab.id;
  };
  void pick();
  browser.tabs.onActivated.addListener(() => void pick());
}
