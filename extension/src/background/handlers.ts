import type { MessageType, ParsedRequest, Responses } from "../messaging/protocol.ts";
import type { BackgroundDeps } from "./deps.ts";
import { readDraft, saveDraft, tellEditor } from "./editor.ts";
import { revealSlot, setHighlight } from "./highlight.ts";
import { issuePreview, startPreview, stopPreview } from "./preview-session.ts";
import { cancelQaRun, markQaCell, saveQaRun, startQaRun } from "./qa-run.ts";
import { requireSite } from "./sites.ts";
import { simulateAdvance, simulateEvents } from "./simulate.ts";
import { checkSite, listJourneys, tabStatus } from "./tab-status.ts";
import { traceFor } from "./trace.ts";

export type Handlers = { [K in MessageType]: (req: ParsedRequest<K>) => Promise<Responses[K]> };

/** One handler per message of the protocol; requests arrive already parsed. */
export function createHandlers(deps: BackgroundDeps): Handlers {
  return {
    "tab.status": ({ tabId }) => tabStatus(tabId, deps),
    "site.check": ({ origin }) => checkSite(origin, deps),
    "journeys.list": ({ origin }) => listJourneys(origin, deps),
    "preview.start": ({ tabId, ...force }) => startPreview(tabId, force, deps),
    "preview.stop": async ({ tabId, reload }) => {
      await stopPreview({ tabId, reload });
      return null;
    },
    "preview.link": async ({ origin, ...force }) => {
      await requireSite(origin);
      const p = await issuePreview(origin, force, deps);
      return { link: p.link, expiresAt: p.expiresAt };
    },
    "trace.get": ({ tabId }) => traceFor(tabId, deps),
    "highlight.set": ({ tabId, on }) => setHighlight(tabId, on),
    "highlight.reveal": ({ tabId, index }) => revealSlot(tabId, index),
    "simulate.events": ({ tabId, events, reload }) => simulateEvents(tabId, events, reload, deps),
    "simulate.advance": ({ tabId, by, reload }) => simulateAdvance(tabId, by, reload, deps),
    "qa.start": ({ tabId, journey, version }) => startQaRun(tabId, journey, version, deps),
    "qa.cancel": () => cancelQaRun(deps.now()),
    "qa.mark": (m) => markQaCell(m),
    "qa.save": () => saveQaRun(deps),
    "editor.page": ({ tabId, message }) => tellEditor(tabId, message),
    "editor.draft": ({ tabId, journey }) => readDraft(tabId, journey, deps),
    "editor.save": ({ tabId, ...req }) => saveDraft(tabId, req, deps),
  };
}
