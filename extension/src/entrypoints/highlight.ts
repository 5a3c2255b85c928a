import { browser } from "wxt/browser";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { createHighlighter } from "../highlight/highlighter.tsx";
import { ContentMessage } from "../messaging/content-protocol.ts";

// Injected on demand (scripting.executeScript) into tabs of configured Waymark sites only, in the isolated world:
// the page cannot see this script, and this script sees no token.
export default defineUnlistedScript(() => {
  const w = window as Window & { __waymarkHighlighter?: boolean };
  if (w.__waymarkHighlighter) return; // injected again into the same document: the first listener answers
  w.__waymarkHighlighter = true;
  const highlighter = createHighlighter(document);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return;
    const parsed = ContentMessage.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.type === "wm.highlight") sendResponse(m.on ? highlighter.show() : highlighter.hide());
    else sendResponse(highlighter.reveal(m.index));
  });
});
