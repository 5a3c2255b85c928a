import type {
  AppliedAction,
  EventSource,
  JourneyTrace,
  RequestContext,
  VisitorEvent,
  VisitorState,
} from "@waymark/shared";
import type { ManifestExtras } from "../page/manifest-extras.ts";

/** Ruleset a call decides with: a published version number, or "draft" (preview sandboxes only). */
export type RulesetRef = number | "draft";

export interface ForceSpec {
  journey: string;
  stage?: string;
  branch?: string;
}

/**
 * Fields every call that may write carries (the object cannot read its own name reliably).
 * Times are the object's own clock (Date.now() inside it), the same clock its alarm runs on.
 */
export interface VisitorCall {
  visitorId: string;
  /** Preview sandbox ("preview:<jti>"): never counted in stats, never fires webhooks. */
  sandbox?: boolean;
}

export interface OnPageArgs extends VisitorCall {
  version: RulesetRef;
  ctx: RequestContext;
  force?: ForceSpec;
  /** Return the full trace (previews); otherwise the reply stays compact. */
  trace?: boolean;
  /** Count the view against the browser's per-minute event window (SPA route changes from the beacon). */
  ratePerMinute?: number;
  /** GLOBAL_HOLDOUT as the Worker read it (default: the object's own setting). */
  globalHoldout?: number;
}

/** What the Worker needs to rewrite a page: small on purpose (one RPC per page). */
export interface PageDecision {
  version: number;
  /** Page actions and nudges, templates rendered (values escaped). */
  actions: AppliedAction[];
  redirect: { url: string; status: number } | null;
  trace?: JourneyTrace[];
  /** Click rules of the live journeys and the page's exposures (manifest-extras.ts). */
  extras?: ManifestExtras;
  /** Over `ratePerMinute`: nothing was recorded or decided; retry after this many seconds. */
  retryAfterSeconds?: number;
}

export interface OnEventsArgs extends VisitorCall {
  version: RulesetRef;
  events: VisitorEvent[];
  /** The page the events come from (beacon); absent for server-side events. */
  ctx?: RequestContext;
  force?: ForceSpec;
  /** Per-minute cap on accepted events (beacon traffic); server-side ingestion passes a higher one. */
  ratePerMinute: number;
  /** Who sent them: "browser" events (the beacon) never set traits or the customer id. */
  source: EventSource;
  /** Forwarded by a linked browser: its visitor id, kept with each event so its /me shows its own events only. */
  device?: string;
  /** GLOBAL_HOLDOUT as the Worker read it (default: the object's own setting). */
  globalHoldout?: number;
}

/** How a link to a customer was proven: a token the site's backend signed (expires with it), or the ingest API. */
export interface LinkProof {
  via: "token" | "server";
  /** Milliseconds since epoch; null: does not expire (server-side links). */
  expiresAt: number | null;
}

/** A browser's link as /me shows it. */
export interface LinkView extends LinkProof {
  customerId: string;
  /** False once the token has expired: the browser is back on its own state, and sees nothing of the customer. */
  active: boolean;
}

export type IdentifyResult =
  | { ok: true; linked: string | null; accepted: number }
  | { ok: false; status: 409 | 429; error: string; retryAfterSeconds?: number };

/** What a linked browser may see of its customer: no trait values, and only its own events. */
export type CustomerView = Omit<VisitorExport, "traits"> & { traitNames: string[] };

/** Events per visitor per minute from browsers: far above what a person produces, low enough to stop a flood. */
export const BEACON_EVENTS_PER_MINUTE = 600;
/** Server-side ingestion (backends replaying history) may go faster. */
export const INGEST_EVENTS_PER_MINUTE = 6_000;

export type OnEventsResult =
  | { ok: true; accepted: number; duplicates: number; actions: AppliedAction[] }
  | { ok: false; retryAfterSeconds: number };

export interface DeliveryRecord {
  id: number;
  journey: string;
  stage: string;
  url: string;
  status: "pending" | "delivered" | "failed" | "skipped";
  attempts: number;
  at: number;
  detail: string | null;
}

/**
 * GET /__waymark/me: everything stored about the visitor. The stored VisitorState's fields at the top level
 * (absent when nothing is stored), plus the recent event log and the cross-device link.
 */
export type VisitorExport = Partial<VisitorState> & {
  visitorId: string;
  eventCount: number;
  stored: boolean;
  events: { id: string | null; type: string; at: number; data: VisitorEvent["data"] | null }[];
  linkedCustomer: string | null;
  /** The link of a browser to a customer, active or not (null when not linked). */
  link: LinkView | null;
  rulesetVersion: number | null;
};

export type AdminVisitorView = VisitorExport & {
  deliveries: DeliveryRecord[];
  pending: { kind: string; attempts: number; nextAt: number; lastError: string | null }[];
  alarmAt: number | null;
};
