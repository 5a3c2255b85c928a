import { decodeCookie } from "../http/cookies.ts";
import { FRAMEWORK_CONSENT_COOKIE } from "../http/names.ts";
import { tcfGrants, TCF_COOKIE } from "./tcf.ts";

const YES = new Set(["yes", "1", "true"]);

/**
 * Under CONSENT_MODE=required, may Waymark store anything for this browser? Three signals, each optional:
 * - the site's own consent cookie (CONSENT_COOKIE): `yes`, `1` or `true` grants, any other value refuses;
 * - the TCF v2 string in the CMP's `euconsent-v2` cookie: grants when it consents to every purpose of
 *   CONSENT_PURPOSES, refuses otherwise (a value that is not a TC string says nothing);
 * - what the beacon last reported of the page's consent frameworks (POST /__waymark/consent: __tcfapi, Google
 *   Consent Mode), kept by the edge in `wm_fwconsent`: "1" grants, "0" refuses.
 * Consent needs at least one grant and no refusal: a visitor who said no anywhere is not tracked because they said
 * yes somewhere else.
 */
export function consentGranted(
  cookies: Record<string, string>,
  consent: { cookie: string; purposes: readonly number[] },
): boolean {
  const signals: (boolean | null)[] = [];
  const site = cookies[consent.cookie];
  if (site !== undefined) signals.push(YES.has(decodeCookie(site).toLowerCase()));
  const tcf = cookies[TCF_COOKIE];
  if (tcf) signals.push(tcfGrants(decodeCookie(tcf), consent.purposes));
  const fw = cookies[FRAMEWORK_CONSENT_COOKIE];
  if (fw === "1" || fw === "0") signals.push(fw === "1");
  return signals.includes(true) && !signals.includes(false);
}
