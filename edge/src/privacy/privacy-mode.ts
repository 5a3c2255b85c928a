import { getConfig } from "../config.ts";
import { decodeCookie } from "../http/cookies.ts";
import { OPT_OUT_COOKIE } from "../http/names.ts";

/**
 * What Waymark may do for this request:
 * - "optout": the visitor opted out (wm_optout=1): nothing stored, nothing personalized.
 * - "anonymous": no consent (Sec-GPC: 1, or CONSENT_MODE=required without a yes in CONSENT_COOKIE): only
 *   request-level conditions, decided in memory; no cookie set, nothing stored.
 * - "full": identify the visitor and use their stored journey state.
 */
export type PrivacyMode = "optout" | "anonymous" | "full";

const YES = new Set(["yes", "1", "true"]);

export function privacyMode(request: Request, env: Env, cookies: Record<string, string>): PrivacyMode {
  if (cookies[OPT_OUT_COOKIE] === "1") return "optout";
  // GPC is a legally meaningful "do not share/sell" signal: treated as no consent to store, whatever the mode.
  if (request.headers.get("sec-gpc")?.trim() === "1") return "anonymous";
  const consent = getConfig(env).consent;
  if (consent.required) {
    const raw = cookies[consent.cookie];
    if (!raw || !YES.has(decodeCookie(raw).toLowerCase())) return "anonymous";
  }
  return "full";
}
