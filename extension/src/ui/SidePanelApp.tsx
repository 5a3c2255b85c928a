import { useSignal } from "@preact/signals";
import { sameOrigin } from "../lib/site-origin.ts";
import { JourneyList } from "./components/JourneyList.tsx";
import { QaPanel } from "./components/QaPanel.tsx";
import { SimulatePanel } from "./components/SimulatePanel.tsx";
import { StatusHeader } from "./components/StatusHeader.tsx";
import { TracePanel } from "./components/TracePanel.tsx";
import { WherePanel } from "./components/WherePanel.tsx";
import { EditorPanel } from "./editor/EditorPanel.tsx";
import { journeys, journeysError, pageLoads, status, statusError } from "./state/panel-state.ts";

const TABS = [
  ["preview", "Preview"],
  ["why", "Why"],
  ["where", "Where"],
  ["simulate", "Simulate"],
  ["qa", "QA"],
  ["edit", "Edit"],
] as const;
type Tab = (typeof TABS)[number][0];

/** The side panel: status on top, then one view per question a marketer asks of the page. */
export function SidePanelApp({ initialTab = "preview" }: { initialTab?: Tab }) {
  const tab = useSignal<Tab>(initialTab);
  const s = status.value;
  const ready = s && s.site && s.granted;
  const previewHere = s?.preview && sameOrigin(s.tab.url, s.preview.origin) ? s.preview : null;
  return (
    <div class="app">
      <div class="header">
        <StatusHeader status={s} error={statusError.value} />
      </div>
      {ready && (
        <>
          <nav class="tabs">
            {TABS.map(([id, label]) => (
              <button
                key={id}
                class={tab.value === id ? "active" : ""}
                data-testid={`tab-${id}`}
                onClick={() => (tab.value = id)}
              >
                {label}
              </button>
            ))}
          </nav>
          <main class="content">
            {tab.value === "preview" && (
              <JourneyList status={s} journeys={journeys.value} error={journeysError.value} />
            )}
            {tab.value === "why" && <TracePanel tabId={s.tab.id} reloads={pageLoads.value} />}
            {tab.value === "where" && <WherePanel tabId={s.tab.id} reloads={pageLoads.value} />}
            {tab.value === "simulate" && <SimulatePanel tabId={s.tab.id} preview={previewHere} />}
            {tab.value === "qa" && <QaPanel tabId={s.tab.id} journeys={journeys.value} />}
            {tab.value === "edit" && (
              <EditorPanel tabId={s.tab.id} reloads={pageLoads.value} journeys={journeys.value} />
            )}
          </main>
        </>
      )}
    </div>
  );
}

export type { Tab };
