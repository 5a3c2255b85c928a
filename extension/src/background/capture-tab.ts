import { browser } from "wxt/browser";
import { BackgroundError } from "./background-error.ts";

/**
 * The browser refused the screenshot for lack of the user's toolbar click (activeTab): every later cell would fail
 * the same way, so a QA run stops at once with the instruction.
 */
export class CapturePermissionError extends BackgroundError {
  constructor() {
    super("the browser did not allow a screenshot: click the Waymark toolbar button on this tab once, then run again");
  }
}

/** QA results carry screenshots up to this many characters (the API refuses more than 400 000). */
export const MAX_SCREENSHOT_CHARS = 390_000;

/** Chrome allows two captureVisibleTab calls per second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND). */
const MIN_GAP_MS = 550;
let lastCaptureAt = 0;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One capture, spaced from the previous one so the browser's quota is never hit, retried if it is anyway. */
async function captureOnce(windowId: number, quality: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const wait = lastCaptureAt + MIN_GAP_MS - Date.now();
    if (wait > 0) await delay(wait);
    lastCaptureAt = Date.now();
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format: "jpeg", quality });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(msg) && attempt < 3) continue;
      if (/activeTab|all_urls/i.test(msg)) throw new CapturePermissionError();
      throw err;
    }
  }
}

/**
 * A JPEG data URL of what the tab shows: the tab is brought to the front of its window first (captureVisibleTab
 * sees only the active tab), and the quality steps down until the image fits what Waymark stores.
 */
export async function captureTab(tabId: number): Promise<string> {
  const tab = await browser.tabs.update(tabId, { active: true });
  const windowId = tab?.windowId ?? (await browser.tabs.get(tabId))?.windowId;
  if (windowId === undefined) throw new BackgroundError("the tab is gone");
  let shot = "";
  for (const quality of [70, 45, 25]) {
    shot = await captureOnce(windowId, quality);
    if (shot.length <= MAX_SCREENSHOT_CHARS) return shot;
  }
  return shot;
}
