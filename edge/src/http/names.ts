/** Waymark's own cookies and headers: the names are a public contract (README, beacon, extension). */

/** The random visitor id (HttpOnly). */
export const VISITOR_COOKIE = "wm_vid";
/** "1" while the browser has opted out (readable by the beacon, so it stops sending). */
export const OPT_OUT_COOKIE = "wm_optout";
/**
 * The consent the page's frameworks (TCF __tcfapi, Google Consent Mode) last gave, as the beacon reported it to POST
 * /__waymark/consent and the edge decided it: "1" granted, "0" refused (privacy/consent-decision.ts).
 */
export const FRAMEWORK_CONSENT_COOKIE = "wm_fwconsent";
/** A shared preview link's token. */
export const PREVIEW_COOKIE = "wm_preview";
/** Waymark's cookies never reach journey conditions. */
export const OWN_COOKIES: ReadonlySet<string> = new Set([
  VISITOR_COOKIE,
  OPT_OUT_COOKIE,
  PREVIEW_COOKIE,
  FRAMEWORK_CONSENT_COOKIE,
]);

/** A preview token sent by the extension. */
export const PREVIEW_HEADER = "X-Waymark-Preview";
/** What Waymark did with the response (personalized, passthrough, preview, bot, optout, timeout, error). */
export const OUTCOME_HEADER = "X-Waymark";
/** The decision's trace on previewed pages (base64url JSON), and its "partial" flag. */
export const TRACE_HEADER = "X-Waymark-Trace";
export const TRACE_TRUNCATED_HEADER = "X-Waymark-Trace-Truncated";

/** Every path under this prefix is Waymark's own, never proxied to the origin. */
export const RESERVED_PREFIX = "/__waymark";
