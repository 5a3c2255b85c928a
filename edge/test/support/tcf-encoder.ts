// An encoder of IAB TCF v2.2 TC strings (the core segment), for tests of the edge's decoder (src/privacy/tcf.ts):
// written from the spec's field table, not from the decoder.
import { toBase64Url } from "../../src/http/base64url.ts";

interface CoreFields {
  version?: number;
  created?: number; // deciseconds since epoch
  cmpId?: number;
  cmpVersion?: number;
  consentLanguage?: string;
  vendorListVersion?: number;
  policyVersion?: number;
  purposes?: number[];
  legitimateInterests?: number[];
  specialFeatures?: number[];
  vendors?: number[];
}

/** A TC string's core segment, written field by field as the IAB spec lays it out (MSB first, base64url). */
export function encodeTcString(f: CoreFields = {}, segments: string[] = []): string {
  const bits: number[] = [];
  const int = (v: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push(Math.floor(v / 2 ** i) % 2);
  };
  const set = (ids: number[], n: number) => {
    for (let i = 1; i <= n; i++) bits.push(ids.includes(i) ? 1 : 0);
  };
  const letters = (s: string) => [...s.toUpperCase()].forEach((c) => int(c.charCodeAt(0) - 65, 6));
  const created = f.created ?? 17_000_000_000;
  int(f.version ?? 2, 6);
  int(created, 36); // Created
  int(created, 36); // LastUpdated
  int(f.cmpId ?? 300, 12);
  int(f.cmpVersion ?? 1, 12);
  int(1, 6); // ConsentScreen
  letters(f.consentLanguage ?? "EN");
  int(f.vendorListVersion ?? 100, 12);
  int(f.policyVersion ?? 4, 6);
  int(0, 1); // IsServiceSpecific
  int(0, 1); // UseNonStandardTexts
  set(f.specialFeatures ?? [], 12);
  set(f.purposes ?? [], 24);
  set(f.legitimateInterests ?? [], 24);
  int(0, 1); // PurposeOneTreatment
  letters("DE"); // PublisherCC
  // Vendor consents as a bit field, then vendor legitimate interests (empty), no publisher restrictions.
  const maxVendor = Math.max(0, ...(f.vendors ?? []));
  int(maxVendor, 16);
  int(0, 1);
  set(f.vendors ?? [], maxVendor);
  int(0, 16);
  int(0, 1);
  int(0, 12);
  while (bits.length % 8) bits.push(0);
  const bytes = new Uint8Array(bits.length / 8);
  bits.forEach((b, i) => (bytes[i >> 3] |= b << (7 - (i & 7))));
  return [toBase64Url(bytes), ...segments].join(".");
}
