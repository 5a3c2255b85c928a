import { fromBase64Url } from "../http/base64url.ts";

/**
 * The cookie a TCF v2 consent management platform (CMP) keeps the visitor's TC string in, by IAB convention. The
 * edge reads it on every request under CONSENT_MODE=required (consent-decision.ts).
 */
export const TCF_COOKIE = "euconsent-v2";

/** A TC string is a few hundred characters; anything far longer is not one (and not worth decoding). */
const MAX_TC_STRING = 8_192;

// Bit offsets of the core segment (IAB TCF v2.2, "The core string"): Version 6 bits at 0, Created 36, LastUpdated 36,
// CmpId 12, CmpVersion 12, ConsentScreen 6, ConsentLanguage 12, VendorListVersion 12, TcfPolicyVersion 6 at 132,
// IsServiceSpecific 1, UseNonStandardTexts 1, SpecialFeatureOptIns 12, PurposesConsent 24 at 152,
// PurposesLITransparency 24 at 176, PurposeOneTreatment 1 at 200, PublisherCC 12 at 201, vendor consents from 213.
const VERSION_BITS = [0, 6] as const;
const POLICY_VERSION_BITS = [132, 6] as const;
const CMP_ID_BITS = [78, 12] as const;
const PURPOSES_CONSENT_AT = 152;
const PURPOSES_LI_AT = 176;
/** A core segment holds at least every field up to the start of the vendor consent section. */
const MIN_CORE_BITS = 213;

/** What Waymark needs of a TC string: whose CMP wrote it, and which purposes the visitor consented to. */
export interface TcfConsent {
  /** TcfPolicyVersion (4 for TCF v2.2, 2 for v2.0/v2.1). */
  policyVersion: number;
  cmpId: number;
  /** Purposes 1..24 the visitor gave consent to (PurposesConsent bit field). */
  purposes: number[];
  /** Purposes 1..24 disclosed under legitimate interest (informative: Waymark asks for consent, not LI). */
  legitimateInterests: number[];
}

/** Reads bits MSB-first, as the TC string writes them. */
function bitReader(bytes: Uint8Array) {
  const bit = (i: number) => (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return {
    bits: bytes.length * 8,
    int: ([at, n]: readonly [number, number]) => {
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 2 + bit(at + i);
      return v;
    },
    set: (at: number, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (bit(at + i)) out.push(i + 1);
      return out;
    },
  };
}

/**
 * Decodes the core segment of a TCF v2 TC string (the first of its dot-separated base64url segments), or null when
 * the text is not one: not base64url, too short, or not version 2. The other segments (disclosed vendors, publisher
 * TC) are not read: Waymark decides on the purpose consents of the core string.
 *
 * @example decodeTcString("CPh8CoIPh8CoINYAAAENCZCAAP_AAAAAAAAAAAAAAAAA")?.purposes // [1, 2, ..., 10]
 */
export function decodeTcString(text: string): TcfConsent | null {
  if (!text || text.length > MAX_TC_STRING) return null;
  const bytes = fromBase64Url(text.split(".")[0]);
  if (!bytes) return null;
  const r = bitReader(bytes);
  if (r.bits < MIN_CORE_BITS || r.int(VERSION_BITS) !== 2) return null;
  return {
    policyVersion: r.int(POLICY_VERSION_BITS),
    cmpId: r.int(CMP_ID_BITS),
    purposes: r.set(PURPOSES_CONSENT_AT, 24),
    legitimateInterests: r.set(PURPOSES_LI_AT, 24),
  };
}

/**
 * Does the TC string give consent to every purpose Waymark needs (CONSENT_PURPOSES, default 1, 5 and 6: store and
 * access information on a device, build and use a personalised content profile)? null when it is not a TC string
 * (then it says nothing either way).
 */
export function tcfGrants(text: string, required: readonly number[]): boolean | null {
  const tc = decodeTcString(text);
  return tc ? required.every((p) => tc.purposes.includes(p)) : null;
}
