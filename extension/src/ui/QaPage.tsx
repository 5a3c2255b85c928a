import { QaPanel } from "./components/QaPanel.tsx";

/** The QA grid in a tab of its own, wide enough to review screenshots side by side. */
export function QaPage() {
  return (
    <div class="app">
      <div class="header">
        <span class="brand">Waymark QA · review</span>
      </div>
      <main class="content">
        <QaPanel tabId={null} journeys={null} standalone />
      </main>
    </div>
  );
}
