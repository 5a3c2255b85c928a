import type { ComponentChildren } from "preact";
import type { JourneyRecord } from "@waymark/shared";
import { href, journeyHref } from "../paths.ts";
import { StatusBadge } from "./status-badge.tsx";

const TABS = [
  { tab: "", label: "Edit" },
  { tab: "map", label: "Journey map" },
  { tab: "results", label: "Results" },
] as const;

/** Journey name, status, and the Edit / Map / Results tabs of one journey. */
export function JourneyHeader(p: {
  id: string;
  record?: JourneyRecord | null;
  current: "" | "map" | "results";
  actions?: ComponentChildren;
}) {
  return (
    <header class="page-head journey-head">
      <div>
        <p class="crumbs">
          <a href={href()}>Journeys</a> /
        </p>
        <h1>
          {p.record?.journey.name ?? p.id}{" "}
          {p.record && <StatusBadge status={p.record.status} dirty={p.record.dirty} journey={p.record.journey} />}
        </h1>
        <nav aria-label="Journey" class="tabs">
          {TABS.map((t) => (
            <a key={t.tab} href={journeyHref(p.id, t.tab)} aria-current={p.current === t.tab ? "page" : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      </div>
      {p.actions && <div class="page-actions">{p.actions}</div>}
    </header>
  );
}
