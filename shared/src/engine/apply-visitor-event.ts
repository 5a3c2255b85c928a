import type { RequestContext } from "../schemas/context.ts";
import type { VisitorEvent } from "../schemas/event.ts";
import type { VisitorState } from "../schemas/state.ts";
import { applyCart } from "./apply-cart.ts";
import { applyScores } from "./apply-scores.ts";
import { recordTouch } from "./touch.ts";
import type { EventSource, ScoringOptions } from "./types.ts";

export const SESSION_GAP_MS = 30 * 60_000;
const MAX_RECENT_PATHS = 20;
const MAX_TRAITS = 100;

/**
 * Event types only the site's backend may send: they set traits and the customer id, which `trait` conditions and
 * `{{traits.*}}` templates trust. From a browser they are refused at the door and have no effect here.
 */
export const SERVER_ONLY_EVENT_TYPES: readonly string[] = ["identify", "traits"];

/**
 * The visitor-level effects of an event (sessions and their touches, counters, cart, scores, traits) on a copied state. Traits and the
 * customer id change only for events from the backend (`source` "server").
 */
export function applyVisitorEvent(
  s: VisitorState,
  event: VisitorEvent,
  at: number,
  ctx: RequestContext | undefined,
  scoring: ScoringOptions | undefined,
  source: EventSource,
): void {
  const { type, data } = event;
  const newVisit = s.visits === 0 ? type === "page_view" : at - s.lastSeenAt > SESSION_GAP_MS;
  if (newVisit) {
    if (s.visits > 0) s.previousSessionAt = s.lastSeenAt;
    s.visits += 1;
    s.sessionStartedAt = at;
  }
  s.eventCount += 1;
  s.lastSeenAt = Math.max(s.lastSeenAt, at);
  if (type === "page_view") {
    s.pageViews += 1;
    const path = typeof data?.path === "string" ? data.path : ctx?.path;
    if (path) s.recentPaths = [...s.recentPaths, path.slice(0, 512)].slice(-MAX_RECENT_PATHS);
    // The session's (and the first) touch: where this visit landed, from the request of its first page view.
    if (ctx) recordTouch(s, ctx, path || ctx.path, at);
  }
  s.cart = applyCart(s.cart, type, data, at);
  s.scores = applyScores(s.scores, type, data, at, scoring);
  if (source === "server" && SERVER_ONLY_EVENT_TYPES.includes(type) && data) {
    const traits = { ...s.traits };
    for (const [k, v] of Object.entries(data)) {
      if (type === "identify" && k === "customerId") continue;
      const scalar = v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
      // + 0: a -0 would be stored as 0 by JSON.
      if (scalar && (k in traits || Object.keys(traits).length < MAX_TRAITS))
        traits[k] = typeof v === "number" ? v + 0 : v;
    }
    s.traits = traits;
    if (type === "identify" && typeof data.customerId === "string" && data.customerId !== "")
      s.customerId = data.customerId;
  }
}
