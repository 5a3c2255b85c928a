import type { AdminVisitorView } from "@waymark/shared";

/** What the lookup form asks for: a browser's visitor id (the wm_vid cookie) or the site's own customer id. */
export type LookupKind = "visitor" | "customer";

// The admin route's own rules (edge/src/routes/visitor-bodies.ts VisitorName), said in words before asking.
const VISITOR_ID = /^[A-Za-z0-9_-]{22,32}$/;
const CUSTOMER_ID = /^[A-Za-z0-9_.@:+-]{1,128}$/;

/**
 * The visitor object to open for what was typed ("customer:<id>" for a customer id), or why it cannot be one.
 * A visitor id pasted with its "customer:" prefix is taken as the customer it names.
 */
export function lookupName(kind: LookupKind, raw: string): { name: string } | { error: string } {
  const text = raw.trim();
  if (!text) return { error: kind === "visitor" ? "Type a visitor id." : "Type a customer id." };
  if (kind === "customer" || text.startsWith("customer:")) {
    const id = text.replace(/^customer:/, "");
    return CUSTOMER_ID.test(id)
      ? { name: `customer:${id}` }
      : { error: "A customer id has 1 to 128 letters, digits or _ . @ : + - (no spaces)." };
  }
  return VISITOR_ID.test(text)
    ? { name: text }
    : { error: "A visitor id is 22 to 32 letters, digits, _ or - (the wm_vid cookie, or visitorId in /__waymark/me)." };
}

/** "customer:c-42" -> { kind: "customer", id: "c-42" }: how a looked-up name reads in the form and headings. */
export function splitName(name: string): { kind: LookupKind; id: string } {
  return name.startsWith("customer:") ? { kind: "customer", id: name.slice(9) } : { kind: "visitor", id: name };
}

export interface JourneyRow {
  id: string;
  /** The journey's name when the ruleset still has it, else its id. */
  name: string;
  stage: string;
  /** The branch, "holdout", or "not assigned yet". */
  branch: string;
  /** In the current stage since (ms). */
  since: number;
  enteredAt: number;
  status: "active" | "completed" | "exited";
  exposures: number;
}

/** The visitor's journeys, active ones first, then by the latest stage change. */
export function journeyRows(view: AdminVisitorView, names: ReadonlyMap<string, string>): JourneyRow[] {
  return Object.entries(view.journeys ?? {})
    .map(([id, j]): JourneyRow => ({
      id,
      name: names.get(id) ?? id,
      stage: j.stage,
      branch: j.holdout ? "holdout" : (j.branch ?? "not assigned yet"),
      since: j.stageSince,
      enteredAt: j.enteredAt,
      status: j.completedAt !== null ? "completed" : j.exitedAt !== null ? "exited" : "active",
      exposures: j.exposures,
    }))
    .sort((a, b) => Number(a.status !== "active") - Number(b.status !== "active") || b.since - a.since);
}

export interface EventRow {
  key: string;
  at: number;
  type: string;
  /** The event's data as short "key: value" pairs ("" when none). */
  data: string;
}

const short = (v: unknown) => {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

/** The latest events first, at most `limit`, their data as "key: value" pairs. */
export function recentEvents(view: AdminVisitorView, limit = 25): EventRow[] {
  return view.events
    .map((e, i) => ({
      key: e.id ?? `#${i}`,
      at: e.at,
      type: e.type,
      data: Object.entries(e.data ?? {})
        .map(([k, v]) => `${k}: ${short(v)}`)
        .join(", "),
    }))
    .reverse()
    .slice(0, limit);
}

export interface PendingRow {
  what: string;
  due: number;
  attempts: number;
  lastError: string | null;
}

const KIND_TEXT: Record<string, string> = {
  stats: "Statistics to record",
  webhook: "Webhook to send",
  export: "Export record to send",
};

/**
 * Work the visitor's object still has to do: the next alarm (due transitions, retries, expiry) and the outbox
 * rows not delivered yet, soonest first.
 */
export function pendingRows(view: AdminVisitorView): PendingRow[] {
  const rows: PendingRow[] = view.pending.map((p) => ({
    what: KIND_TEXT[p.kind] ?? `Outbox: ${p.kind}`,
    due: p.nextAt,
    attempts: p.attempts,
    lastError: p.lastError,
  }));
  if (view.alarmAt !== null)
    rows.push({
      what: "Next alarm (due transitions, retries, expiry)",
      due: view.alarmAt,
      attempts: 0,
      lastError: null,
    });
  return rows.sort((a, b) => a.due - b.due);
}

/** The page to trace by default: the last one the visitor saw on this site, else the home page. */
export function defaultTraceUrl(origin: string, view: AdminVisitorView | undefined): string {
  const last = view?.recentPaths?.[view.recentPaths.length - 1];
  return new URL(last && last.startsWith("/") ? last : "/", origin).href;
}
