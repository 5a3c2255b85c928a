import { z } from "zod";

/** A Waymark site the marketer configured: its origin and the admin token for its API. */
export const Site = z.object({
  origin: z.string().min(1),
  token: z.string().min(1).max(512),
  label: z.string().max(200).optional(),
});
export type Site = z.infer<typeof Site>;
export const SiteList = z.array(Site);

const Version = z.union([z.literal("draft"), z.number().int().positive()]);

/** The preview in force: one at a time, riding on a declarativeNetRequest session rule for `origin` only. */
export const ActivePreview = z.object({
  origin: z.string(),
  journey: z.string(),
  stage: z.string().optional(),
  branch: z.string().optional(),
  version: Version,
  token: z.string(),
  /** Token id: the sandbox visitor is `preview:<jti>`. */
  jti: z.string(),
  expiresAt: z.string(),
  link: z.string(),
  startedAt: z.number(),
});
export type ActivePreview = z.infer<typeof ActivePreview>;

/** What Waymark said about the last page load of a tab (response headers seen by webRequest). */
export const TabPage = z.object({
  url: z.string(),
  /** X-Waymark: personalized | passthrough | preview | bot | optout | timeout | error. */
  outcome: z.string().nullable(),
  /** X-Waymark-Trace, still encoded (only on previewed pages). */
  trace: z.string().nullable(),
  at: z.number(),
});
export type TabPage = z.infer<typeof TabPage>;
export const TabPages = z.record(z.string(), TabPage);
export type TabPages = z.infer<typeof TabPages>;

/** One stage x branch of a QA run: what was captured and what the marketer decided. */
export const QaCell = z.object({
  stage: z.string(),
  branch: z.string(),
  state: z.enum(["pending", "captured", "error"]),
  verdict: z.enum(["pass", "fail"]).optional(),
  note: z.string().max(2_000).default(""),
  /** JPEG data URL of the visible tab. */
  screenshot: z.string().optional(),
  /** X-Waymark of the captured load ("preview" when the edge honoured the token). */
  outcome: z.string().nullable().optional(),
  error: z.string().optional(),
  /** Id of the QA result saved to Waymark, once saved. */
  savedId: z.string().optional(),
});
export type QaCell = z.infer<typeof QaCell>;

export const QaRun = z.object({
  id: z.string(),
  origin: z.string(),
  journey: z.string(),
  journeyName: z.string(),
  version: Version,
  tabId: z.number().int(),
  url: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  state: z.enum(["running", "done", "failed", "cancelled"]),
  error: z.string().optional(),
  cells: z.array(QaCell),
});
export type QaRun = z.infer<typeof QaRun>;

/**
 * A sample cart put into the sandbox visitor of every forced-stage preview, so templates such as
 * {{cart.lastItem.name}} and conditions such as "cart has at least one item" show as a real visitor would see them.
 */
export const SampleCart = z.object({
  enabled: z.boolean(),
  name: z.string().min(1).max(200),
  price: z.number().nonnegative().max(1_000_000),
});
export type SampleCart = z.infer<typeof SampleCart>;
export const DEFAULT_SAMPLE_CART: SampleCart = { enabled: true, name: "Sample product", price: 49 };
