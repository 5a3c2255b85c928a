import { browser } from "wxt/browser";
import { SlotList, type ContentMessage, type SlotInfo } from "../messaging/content-protocol.ts";
import { BackgroundError } from "./background-error.ts";
import { siteForUrl } from "./sites.ts";

/** Injects the highlighter (once per document; it guards itself) into a tab of a configured site. */
async function inject(tabId: number): Promise<void> {
  const tab = await browser.tabs.get(tabId);
  if (!(await siteForUrl(tab?.url))) throw new BackgroundError("this tab is not on a configured Waymark site");
  await browser.scripting.executeScript({ target: { tabId }, files: ["/highlight.js"] });
}

async function tell(tabId: number, message: ContentMessage): Promise<unknown> {
  await inject(tabId);
  return browser.tabs.sendMessage(tabId, message);
}

/** Turns the on-page highlight of Waymark's changes on or off; returns what it found. */
export async function setHighlight(tabId: number, on: boolean): Promise<SlotInfo[]> {
  const parsed = SlotList.safeParse(await tell(tabId, { type: "wm.highlight", on }));
  if (!parsed.success) throw new BackgroundError("the page answered the highlighter with something unexpected");
  return parsed.data;
}

/** Scrolls one highlighted element into view and flashes it. */
export async function revealSlot(tabId: number, index: number): Promise<boolean> {
  return (await tell(tabId, { type: "wm.reveal", index })) === true;
}
