import { tabPagesItem } from "../storage/items.ts";
import type { TabPage } from "../storage/schemas.ts";
import { serialize } from "./serialize.ts";

/** Tabs remembered at most; the oldest entries go first. */
const MAX_TABS = 100;
/** Longer trace headers are ignored rather than stored (session storage is small and shared). */
const MAX_TRACE_CHARS = 256_000;

interface HeaderDetails {
  tabId: number;
  url: string;
  type: string;
  responseHeaders?: { name: string; value?: string }[];
}

function header(details: HeaderDetails, name: string): string | null {
  return details.responseHeaders?.find((h) => h.name.toLowerCase() === name)?.value ?? null;
}

/**
 * Records what Waymark said about a tab's top-level page load (X-Waymark, and X-Waymark-Trace on previews).
 * webRequest only reports hosts the extension was granted, so this sees the configured sites and nothing else.
 */
export function recordTabPage(details: HeaderDetails, now: number): Promise<void> {
  if (details.type !== "main_frame" || details.tabId < 0) return Promise.resolve();
  const trace = header(details, "x-waymark-trace");
  const page: TabPage = {
    url: details.url,
    outcome: header(details, "x-waymark"),
    trace: trace && trace.length <= MAX_TRACE_CHARS ? trace : null,
    at: now,
  };
  return serialize("tabPages", async () => {
    const pages = await tabPagesItem.get();
    pages[String(details.tabId)] = page;
    const keys = Object.keys(pages);
    if (keys.length > MAX_TABS) {
      keys.sort((a, b) => pages[a].at - pages[b].at);
      for (const k of keys.slice(0, keys.length - MAX_TABS)) delete pages[k];
    }
    await tabPagesItem.set(pages);
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return serialize("tabPages", async () => {
    const pages = await tabPagesItem.get();
    if (!(String(tabId) in pages)) return;
    delete pages[String(tabId)];
    await tabPagesItem.set(pages);
  });
}

export async function tabPage(tabId: number): Promise<TabPage | null> {
  return (await tabPagesItem.get())[String(tabId)] ?? null;
}
