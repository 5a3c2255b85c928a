import { z } from "zod";
import type { JourneyRecord } from "@waymark/shared/schemas/api.ts";
import type { AppliedAction, JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { Duration } from "@waymark/shared/schemas/duration.ts";
import { VisitorEvent } from "@waymark/shared/schemas/event.ts";
import { Slug } from "@waymark/shared/schemas/id.ts";
import type { ActivePreview, QaRun } from "../storage/schemas.ts";
import type { SlotInfo } from "./content-protocol.ts";
import { EditorChange } from "../editor/editor-change.ts";
import { EditorPageMessage, type EditorPageReply } from "./editor-protocol.ts";

const TabId = z.number().int().nonnegative();
const Version = z.union([z.literal("draft"), z.number().int().positive()]);
const Forced = { journey: Slug, stage: Slug.optional(), branch: Slug.optional(), version: Version.default("draft") };

/**
 * The one protocol between the extension's pages (side panel, popup, options, QA grid) and the background: request
 * schemas (parsed in the background, the boundary) and the reply type of each message.
 */
export const Requests = {
  "tab.status": z.object({ tabId: TabId }),
  "site.check": z.object({ origin: z.string() }),
  "journeys.list": z.object({ origin: z.string() }),
  "preview.start": z.object({ tabId: TabId, ...Forced }),
  "preview.stop": z.object({ tabId: TabId.optional(), reload: z.boolean().default(true) }),
  "preview.link": z.object({ origin: z.string(), ...Forced }),
  "trace.get": z.object({ tabId: TabId }),
  "highlight.set": z.object({ tabId: TabId, on: z.boolean() }),
  "highlight.reveal": z.object({ tabId: TabId, index: z.number().int().nonnegative() }),
  "simulate.events": z.object({
    tabId: TabId,
    events: z.array(VisitorEvent).min(1).max(50),
    reload: z.boolean().default(true),
  }),
  "simulate.advance": z.object({ tabId: TabId, by: Duration, reload: z.boolean().default(true) }),
  "qa.start": z.object({ tabId: TabId, journey: Slug, version: Version.default("draft") }),
  "qa.cancel": z.object({}),
  "qa.mark": z.object({
    stage: z.string(),
    branch: z.string(),
    verdict: z.enum(["pass", "fail"]).nullable().optional(),
    note: z.string().max(2_000).optional(),
  }),
  "qa.save": z.object({}),
  /** Editor mode: a message for the editor script in the tab (injected on first use). */
  "editor.page": z.object({ tabId: TabId, message: EditorPageMessage }),
  "editor.draft": z.object({ tabId: TabId, journey: Slug }),
  /** Writes a journey draft (null: deletes a journey the session created) and previews it on the tab. */
  "editor.save": z.object({
    tabId: TabId,
    journey: Slug,
    // The admin API validates the whole journey and answers its issue paths; here only its shape as a JSON object.
    draft: z.record(z.string(), z.unknown()).nullable(),
    stage: Slug.optional(),
    branch: Slug.optional(),
    optimistic: EditorChange.optional(),
  }),
} as const;

export type MessageType = keyof typeof Requests;
export type RequestOf<K extends MessageType> = z.input<(typeof Requests)[K]>;
export type ParsedRequest<K extends MessageType> = z.output<(typeof Requests)[K]>;

export interface TabStatus {
  tab: { id: number; url: string; title: string };
  /** The configured site this tab belongs to, if any. */
  site: { origin: string; label?: string } | null;
  /** Whether the user granted host access to that site. */
  granted: boolean;
  /** GET /__waymark/health answered, and what the last page load's X-Waymark header said. */
  waymark: { healthy: boolean; outcome: string | null } | null;
  preview: ActivePreview | null;
}

export interface JourneySummary {
  id: string;
  name: string;
  status: "draft" | "published" | "paused";
  dirty: boolean;
  publishedVersion: number | null;
  priority: number;
  stages: { id: string; name?: string; exit?: boolean }[];
  branches: { id: string; name?: string; weight: number }[];
}

export interface TraceResult {
  url: string;
  /** "header": X-Waymark-Trace of the page as served; "decide": POST /__waymark/api/decide for this URL. */
  source: "header" | "decide";
  outcome: string | null;
  trace: JourneyTrace[];
  actions: AppliedAction[];
  /** Visitor the trace is for: the sandbox `preview:<jti>`, the tab's own visitor, or null (a fresh one). */
  visitorId: string | null;
}

export interface Responses {
  "tab.status": TabStatus;
  "site.check": { healthy: boolean; journeys: number };
  "journeys.list": JourneySummary[];
  "preview.start": ActivePreview;
  "preview.stop": null;
  "preview.link": { link: string; expiresAt: string };
  "trace.get": TraceResult;
  "highlight.set": SlotInfo[];
  "highlight.reveal": boolean;
  "simulate.events": { accepted: number };
  "simulate.advance": null;
  "qa.start": QaRun;
  "qa.cancel": null;
  "qa.mark": QaRun;
  "qa.save": { saved: number };
  "editor.page": EditorPageReply;
  "editor.draft": JourneyRecord;
  "editor.save": { record: JourneyRecord | null; preview: ActivePreview | null };
}

/** What travels over runtime messaging. */
export const Envelope = z.object({ type: z.string(), data: z.unknown() });
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; status?: number };

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(Requests, type);
}
