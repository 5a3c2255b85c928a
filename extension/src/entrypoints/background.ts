import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createHandlers } from "../background/handlers.ts";
import { EXPIRY_ALARM, reconcilePreview, stopPreview } from "../background/preview-session.ts";
import { handleMessage } from "../background/serve-messages.ts";
import { forgetTab, recordTabPage } from "../background/tab-pages.ts";

export default defineBackground(() => {
  const deps = { fetch: (...a: Parameters<typeof fetch>) => fetch(...a), now: () => Date.now(), loadTimeoutMs: 20_000 };
  const handlers = createHandlers(deps);
  const extensionOrigin = browser.runtime.getURL("/").replace(/\/$/, "");

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handleMessage(message, sender, { extensionId: browser.runtime.id, extensionOrigin, handlers }).then(
      sendResponse,
    );
    return true; // the reply is asynchronous
  });

  // What Waymark said about each top-level page load; reported only for hosts the user granted.
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      void recordTabPage(details, Date.now());
      return undefined;
    },
    { urls: ["http://*/*", "https://*/*"], types: ["main_frame"] },
    ["responseHeaders"],
  );
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === EXPIRY_ALARM) void stopPreview({ reload: false });
  });

  // First install: the extension can do nothing until a site is configured, so open the options page at once
  // (Chrome and Firefox alike) instead of leaving the marketer to find it.
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    // A tab rather than runtime.openOptionsPage(): Firefox does not open the options page from onInstalled.
    if (reason === "install") await browser.tabs.create({ url: browser.runtime.getURL("/options.html") });
  });

  void reconcilePreview(Date.now());
});
