import { getConfig } from "../config.ts";
import { OPT_OUT_COOKIE } from "../http/names.ts";
import { consentGranted } from "./consent-decision.ts";

/**
 * What Waymark may do for this request:
 * - "optout": the visitor opted out (wm_optout=1): nothing stored, nothing personalized.
 * - "anonymous": no consent (Sec-GPC: 1, or CONSENT_MODE=required without consent: consent-decision.ts): only
 *   request-level conditions, decided in memory; no cookie set, nothing stored.
 * - "full": identify the visitor and use their stored journey state.
 */
export type PrivacyMode = "optout" | "anonymous" | "full";

export function privacyMode(request: Request, env: Env, cookies: Record<string, string>): PrivacyMode {
  if (cookies[OPT_OUT_COOKIE] === "1") return "optout";
  // GPC is a legally meaningful "do not share/sell" signal: treated as no consent to store, whatever the mode.
  if (request.headers.get("sec-gpc")?.trim() === "1") return "anonymous";
  const config = getConfig(env);
  if (config.consent.required && !consentGranted(cookies, { ...config.consent, purposes: config.consentPurposes }))
    return "anonymous";
  return "full";
}
