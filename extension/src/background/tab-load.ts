import { browser } from "wxt/browser";
import { BackgroundError } from "./background-error.ts";

/**
 * Reloads a tab and resolves once the new load is complete. The listener is in place before the reload starts, and
 * only a "complete" that follows a "loading" counts, so the previous load's state cannot answer for this one.
 */
export async function reloadAndWait(tabId: number, timeoutMs: number): Promise<void> {
  let sawLoading = false;
  let onUpdated: Parameters<typeof browser.tabs.onUpdated.addListener>[0] = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    onUpdated = (id, change) => {
      if (id !== tabId) return;
      if (change.status === "loading") sawLoading = true;
      else if (change.status === "complete" && sawLoading) resolve();
    };
    timer = setTimeout(
      () => reject(new BackgroundError(`the page did not finish loading in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  browser.tabs.onUpdated.addListener(onUpdated);
  try {
    await browser.tabs.reload(tabId);
    await done;
  } finally {
    clearTimeout(timer);
    browser.tabs.onUpdated.removeListener(onUpdated);
  }
}

/**
 * Prepares a loaded page for a capture: back to the top (a reload restores the scroll position by anchoring on the
 * content, which pushes a banner inserted above it out of view), then waits until the page has painted that state
 * (two animation frames after web fonts settle). Best effort: a page we may not script is captured as it is.
 */
export async function settleForCapture(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      func: () =>
        new Promise<boolean>((resolve) => {
          window.scrollTo(0, 0);
          const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
          if (document.fonts?.ready) void document.fonts.ready.then(frames, frames);
          else frames();
        }),
    });
  } catch {
    /* not scriptable (permission withdrawn, error page): capture what is there */
  }
}
