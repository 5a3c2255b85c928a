import { browser } from "wxt/browser";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { createPageEditor } from "../editor/page/page-editor.ts";
import { EditorPageMessage, SELECTED_NOTICE, type EditorPageReply } from "../messaging/editor-protocol.ts";

// Editor mode, injected on demand (scripting.executeScript) into tabs of configured Waymark sites only, in the
// isolated world, as the highlighter is: the page cannot see this script, and this script sees no token.
export default defineUnlistedScript(() => {
  const w = window as Window & { __waymarkEditor?: boolean };
  if (w.__waymarkEditor) return; // injected again into the same document: the first listener answers
  w.__waymarkEditor = true;
  // A click on the page tells the side panel (an extension page) what was selected; nothing else listens.
  const editor = createPageEditor(document, (selection) => {
    browser.runtime.sendMessage({ type: SELECTED_NOTICE, selection }).catch(() => {});
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return;
    const parsed = EditorPageMessage.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    let reply: EditorPageReply;
    if (m.type === "wm.editor.start") reply = { selection: editor.start(m.selector) };
    else if (m.type === "wm.editor.stop") reply = { selection: editor.stop() };
    else if (m.type === "wm.editor.move") reply = { selection: editor.move(m.to) };
    else if (m.type === "wm.editor.select") reply = editor.selectBySelector(m.selector);
    else {
      editor.preview(m.change);
      reply = { selection: editor.current() };
    }
    sendResponse(reply);
  });
});
