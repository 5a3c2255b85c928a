import type { TouchScope } from "../schemas/condition.ts";
import type { RequestContext } from "../schemas/context.ts";
import { TOUCH_LIMITS, type Touch, type VisitorState } from "../schemas/state.ts";
import { sourceClass } from "./source-class.ts";

const UTM_PARAMS = ["source", "medium", "campaign", "term", "content"] as const;

/**
 * The touch of a page request: its utm_* parameters (each cut to 200 characters), source class, path and referrer
 * (cut to 256 characters), so a touch stays under about 1.5 KB whatever the URL.
 * @example touchOf(ctx, "/", now).utm.source // "newsletter" for /?utm_source=newsletter
 */
export function touchOf(ctx: RequestContext, landing: string, at: number): Touch {
  const utm: Touch["utm"] = {};
  for (const p of UTM_PARAMS) {
    const v = Object.hasOwn(ctx.query, `utm_${p}`) ? ctx.query[`utm_${p}`].trim() : "";
    if (v) utm[p] = v.slice(0, TOUCH_LIMITS.utm);
  }
  return {
    at,
    utm,
    source: sourceClass(ctx.referrer, ctx.query, ctx.host),
    landing: landing.slice(0, TOUCH_LIMITS.landing),
    referrer: ctx.referrer ? ctx.referrer.slice(0, TOUCH_LIMITS.referrer) : null,
  };
}

/**
 * Records a page view's touch: the session's when the session has none yet (its first page view), the first touch
 * when the visitor has none. A state from before touches existed gets both at its next page view.
 */
export function recordTouch(s: VisitorState, ctx: RequestContext, landing: string, at: number): void {
  const cur = s.touch;
  if (cur?.session && cur.session.at >= s.sessionStartedAt && cur.first) return;
  const t = touchOf(ctx, landing, at);
  const session = cur?.session && cur.session.at >= s.sessionStartedAt ? cur.session : t;
  s.touch = { first: cur?.first ?? t, session };
}

/**
 * The touch a condition reads: the stored one, or (no page view recorded yet, or nothing stored: no consent) the
 * current request's. Null when there is neither.
 */
export function touchFor(state: VisitorState, scope: TouchScope, ctx: RequestContext | undefined): Touch | null {
  const stored = scope === "first" ? state.touch?.first : state.touch?.session;
  if (stored && (scope === "first" || stored.at >= state.sessionStartedAt)) return stored;
  return ctx ? touchOf(ctx, ctx.path, state.lastSeenAt) : null;
}
