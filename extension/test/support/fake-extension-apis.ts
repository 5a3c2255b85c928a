import { fakeBrowser } from "wxt/testing/fake-browser";

interface Rule {
  id: number;
  action: { type: string; requestHeaders?: { header: string; operation: string; value?: string }[] };
  condition: { urlFilter?: string; resourceTypes?: string[] };
}

/**
 * In-memory stand-ins for the extension APIs WXT's fake browser leaves unimplemented. Each call is recorded;
 * `reload` replays a real load's tab events (loading, then complete) and the page's response headers.
 */
export function installFakeExtensionApis(
  opts: { pageHeaders?: (tabId: number, url: string) => Record<string, string> } = {},
) {
  const sessionRules: Rule[] = [];
  const reloads: number[] = [];
  const captures: number[] = [];
  const injected: { tabId: number; files?: string[] }[] = [];
  const sentToTabs: { tabId: number; message: unknown }[] = [];
  const headerListeners: ((d: unknown) => void)[] = [];
  let captureImpl: (windowId: number) => Promise<string> = async () => "data:image/jpeg;base64,AAAA";
  let tabMessageImpl: (tabId: number, message: unknown) => unknown = () => undefined;
  const cookies = new Map<string, string>();
  const granted = new Set<string>();

  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.declarativeNetRequest = {
    async updateSessionRules(u: { removeRuleIds?: number[]; addRules?: Rule[] }) {
      for (const id of u.removeRuleIds ?? []) {
        const i = sessionRules.findIndex((r) => r.id === id);
        if (i >= 0) sessionRules.splice(i, 1);
      }
      for (const r of u.addRules ?? []) {
        if (sessionRules.some((x) => x.id === r.id)) throw new Error(`Rule with id ${r.id} already exists`);
        sessionRules.push(structuredClone(r));
      }
    },
    async getSessionRules() {
      return structuredClone(sessionRules);
    },
  };
  b.scripting = {
    async executeScript(inj: { target: { tabId: number }; files?: string[] }) {
      injected.push({ tabId: inj.target.tabId, files: inj.files });
      return [{ result: true }];
    },
  };
  b.cookies = {
    async get(d: { url: string; name: string }) {
      const v = cookies.get(`${new URL(d.url).origin} ${d.name}`);
      return v === undefined ? null : { name: d.name, value: v };
    },
  };
  b.permissions = {
    async contains(p: { origins?: string[] }) {
      return (p.origins ?? []).every((o) => granted.has(o));
    },
  };
  b.webRequest = {
    onHeadersReceived: {
      addListener: (l: (d: unknown) => void) => headerListeners.push(l),
      removeListener: () => {},
    },
  };
  const tabs = fakeBrowser.tabs as unknown as Record<string, unknown>;
  tabs.reload = async (tabId: number) => {
    reloads.push(tabId);
    const tab = await fakeBrowser.tabs.get(tabId);
    const url = tab?.url ?? "";
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: "loading" }, { ...tab!, status: "loading" });
    const headers = opts.pageHeaders?.(tabId, url) ?? {};
    for (const l of headerListeners)
      l({
        tabId,
        url,
        type: "main_frame",
        responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
      });
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: "complete" }, { ...tab!, status: "complete" });
  };
  tabs.captureVisibleTab = async (windowId: number) => {
    captures.push(windowId);
    return captureImpl(windowId);
  };
  tabs.sendMessage = async (tabId: number, message: unknown) => {
    sentToTabs.push({ tabId, message });
    return tabMessageImpl(tabId, message);
  };
  return {
    sessionRules,
    reloads,
    captures,
    injected,
    sentToTabs,
    cookies,
    granted,
    headerListeners,
    setCapture(fn: typeof captureImpl) {
      captureImpl = fn;
    },
    setTabMessage(fn: typeof tabMessageImpl) {
      tabMessageImpl = fn;
    },
  };
}
