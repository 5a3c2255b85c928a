import { z } from "zod";
import { tcfGrants } from "./tcf.ts";

const State = z.enum(["granted", "denied"]);

/**
 * POST /__waymark/consent: what the beacon read of the page's consent frameworks. `tcf`: the TC string __tcfapi
 * handed over (decoded at the edge, like the euconsent-v2 cookie); `consentMode`: Google Consent Mode v2 state after
 * the page's gtag('consent', 'default' | 'update', ...) calls. Unknown Consent Mode keys are dropped.
 */
export const ConsentReport = z
  .object({
    tcf: z.string().max(8_192).optional(),
    consentMode: z
      .object({
        analytics_storage: State.optional(),
        personalization_storage: State.optional(),
        ad_storage: State.optional(),
        ad_user_data: State.optional(),
        ad_personalization: State.optional(),
        functionality_storage: State.optional(),
      })
      .optional(),
  })
  .strict()
  .refine((r) => r.tcf !== undefined || r.consentMode !== undefined, "tcf or consentMode is required");
export type ConsentReport = z.infer<typeof ConsentReport>;

/**
 * Consent Mode's answer for Waymark (state kept on the device to personalize the site): `personalization_storage`
 * when the page sets it, else `analytics_storage`; null when the page sets neither (the ad_* signals are about
 * advertising and say nothing here).
 */
export function consentModeGrants(state: NonNullable<ConsentReport["consentMode"]>): boolean | null {
  const s = state.personalization_storage ?? state.analytics_storage;
  return s ? s === "granted" : null;
}

/**
 * The report's verdict: granted when every framework it names grants (TCF: every purpose of `purposes`), refused
 * when one refuses; null when it says nothing usable (a TC string that does not decode, Consent Mode without the
 * storage signals).
 */
export function reportGrants(report: ConsentReport, purposes: readonly number[]): boolean | null {
  const verdicts = [
    report.tcf === undefined ? null : tcfGrants(report.tcf, purposes),
    report.consentMode === undefined ? null : consentModeGrants(report.consentMode),
  ].filter((v) => v !== null);
  return verdicts.length ? !verdicts.includes(false) : null;
}
