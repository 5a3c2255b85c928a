import { z } from "zod";
import { DeviceClass } from "./condition.ts";
import { MAX_METRIC_VALUE } from "./metric.ts";
import { SourceClass } from "./source-class.ts";

export const CartItem = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number(),
  quantity: z.number().int().positive(),
  category: z.string().optional(),
});
export type CartItem = z.infer<typeof CartItem>;

export const Cart = z.object({
  items: z.array(CartItem),
  count: z.number().int().nonnegative(),
  value: z.number().nonnegative(),
  lastItem: CartItem.nullable(),
  updatedAt: z.number().nullable(),
});
export type Cart = z.infer<typeof Cart>;

/** Stored dims, "device.COUNTRY.visitor.source" (e.g. "mobile.FR.new.search"): see Dims and engine/dims.ts. */
export const PACKED_DIMS = new RegExp(
  `^(${DeviceClass.options.join("|")})\\.[A-Z]{2}\\.(new|returning)\\.(${SourceClass.options.join("|")})$`,
);

/**
 * When and how the visitor was first counted in a journey (issue 14): the time, the group (branch, null = holdout)
 * and dims at enrolment, which every later metric fact carries, and the running value of each metric that is not 0
 * (by metric id). Absent in states stored before metrics existed: those visitors are not measured.
 */
export const Enrolment = z.object({
  at: z.number(),
  branch: z.string().nullable(),
  dims: z.string().regex(PACKED_DIMS),
  values: z.record(z.string(), z.number().min(0).max(MAX_METRIC_VALUE)).optional(),
});
export type Enrolment = z.infer<typeof Enrolment>;

/**
 * One offer decision point of a visitor (issue 18): the offer shown, kept until `until` (its attribution window), and
 * the recent shows of each offer (the last day's, for offer caps).
 */
export const OfferMemory = z.object({
  offer: z.string(),
  at: z.number(),
  until: z.number(),
  shows: z.record(z.string(), z.array(z.number()).max(100)),
});
export type OfferMemory = z.infer<typeof OfferMemory>;

/** Where one visitor stands in one journey. */
export const JourneyState = z.object({
  stage: z.string(),
  /** When the visitor entered the current stage (drives "after" transitions). */
  stageSince: z.number(),
  enteredAt: z.number(),
  /** Assigned branch, or null while in the holdout. Sticky once assigned. */
  branch: z.string().nullable(),
  holdout: z.boolean(),
  exposures: z.number().int().nonnegative(),
  /** No longer written (issue 19: nothing read it); states stored before carry it until the journey is next shown. */
  lastExposedAt: z.number().nullable().optional(),
  /**
   * Exposure times of the last day, for the perSession and perDay caps: kept only for a journey that has one (see
   * recordExposures). States stored before issue 19 carry them for every journey, and before caps for none.
   */
  recentExposures: z.array(z.number()).optional(),
  dismissedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  exitedAt: z.number().nullable(),
  /** Ruleset version under which the visitor entered the journey. */
  version: z.number().int().nonnegative(),
  /** Set when the visitor first entered the journey (not on re-entry); see Enrolment. */
  enrolment: Enrolment.optional(),
  /** Offer decision points by action id (see OfferMemory); absent until an offer is shown. */
  offers: z.record(z.string(), OfferMemory).optional(),
});
export type JourneyState = z.infer<typeof JourneyState>;

/** Bounds of what a touch keeps, so the state stays small (values are cut, never refused). */
export const TOUCH_LIMITS = { utm: 200, landing: 256, referrer: 256 } as const;

/**
 * Where a visit started (issue 16): its UTM parameters, source class, landing page (path) and referrer, taken from
 * the first page view of the visitor (the first touch) or of the session.
 */
export const Touch = z.object({
  at: z.number(),
  utm: z.object({
    source: z.string().max(TOUCH_LIMITS.utm).optional(),
    medium: z.string().max(TOUCH_LIMITS.utm).optional(),
    campaign: z.string().max(TOUCH_LIMITS.utm).optional(),
    term: z.string().max(TOUCH_LIMITS.utm).optional(),
    content: z.string().max(TOUCH_LIMITS.utm).optional(),
  }),
  source: SourceClass,
  landing: z.string().max(TOUCH_LIMITS.landing),
  referrer: z.string().max(TOUCH_LIMITS.referrer).nullable(),
});
export type Touch = z.infer<typeof Touch>;

/** Everything Waymark keeps about one visitor (also what GET /__waymark/me returns). */
export const VisitorState = z.object({
  visitorId: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  /** Sessions: a new one starts after 30 minutes without activity. */
  visits: z.number().int().nonnegative(),
  sessionStartedAt: z.number(),
  pageViews: z.number().int().nonnegative(),
  eventCount: z.number().int().nonnegative(),
  cart: Cart,
  traits: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  scores: z.object({ engagement: z.number(), interests: z.record(z.string(), z.number()), updatedAt: z.number() }),
  journeys: z.record(z.string(), JourneyState),
  /** Last pages seen, newest last (bounded), for back-and-forth detection and conditions. */
  recentPaths: z.array(z.string()).max(20),
  customerId: z.string().nullable(),
  /** The first touch and the current session's; absent in states stored before issue 16 (set at the next page view). */
  touch: z.object({ first: Touch.nullable(), session: Touch.nullable() }).optional(),
  /** When the previous session ended (its last activity); null or absent during the first session. */
  previousSessionAt: z.number().nullable().optional(),
  /**
   * The visitor's enrolment in the program measurement (GLOBAL_HOLDOUT above 0): branch "personalized", or null for
   * the global holdout (the program's control), with the program metrics' values. See engine/program.ts.
   */
  program: Enrolment.optional(),
});
export type VisitorState = z.infer<typeof VisitorState>;
