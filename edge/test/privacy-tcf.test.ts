// IAB TCF v2.2 at the edge (src/privacy/tcf.ts, consent-decision.ts): the core string's purpose consents decide,
// from TC strings built here by an encoder of the spec's bit layout, and from strings published elsewhere.
import { describe, expect, it } from "vitest";
import { consentGranted } from "../src/privacy/consent-decision.ts";
import { decodeTcString, tcfGrants } from "../src/privacy/tcf.ts";
import { parseConfig } from "../src/config.ts";
import { encodeTcString } from "./support/tcf-encoder.ts";

const DEFAULT = [1, 5, 6];

// [name, TC string, purposes it must consent to, expected verdict]
const built: [string, string, number[], boolean | null][] = [
  ["all of 1, 5, 6", encodeTcString({ purposes: [1, 5, 6] }), DEFAULT, true],
  ["every purpose", encodeTcString({ purposes: Array.from({ length: 11 }, (_, i) => i + 1) }), DEFAULT, true],
  ["1 and 5 but not 6", encodeTcString({ purposes: [1, 2, 3, 4, 5] }), DEFAULT, false],
  ["none (reject all)", encodeTcString({ purposes: [] }), DEFAULT, false],
  ["6 only as legitimate interest", encodeTcString({ purposes: [1, 5], legitimateInterests: [6] }), DEFAULT, false],
  ["a configured subset: 1 only", encodeTcString({ purposes: [1] }), [1], true],
  ["purpose 24, the last bit", encodeTcString({ purposes: [24] }), [24], true],
  ["TCF v2.0 policy version", encodeTcString({ purposes: [1, 5, 6], policyVersion: 2 }), DEFAULT, true],
  [
    "with vendors and more segments",
    encodeTcString({ purposes: [1, 5, 6], vendors: [1, 755] }, ["YAAAAAAAAAAA"]),
    DEFAULT,
    true,
  ],
  ["version 1 string", encodeTcString({ version: 1, purposes: [1, 5, 6] }), DEFAULT, null],
  ["not base64url", "CPh7_cXPh7_cXKMAAAENCZCA??????????AAAAAAAAAAAAAAA", DEFAULT, null],
  ["too short for a core segment", "CPh7_cXPh7", DEFAULT, null],
  ["empty", "", DEFAULT, null],
];

// Published strings and the purpose consents their publishers list for them (Prebid.js, test/spec/libraries/
// tcfUtils_spec.js: purposes 1-10 checked there).
const published: [string, string, number[]][] = [
  [
    "odd purposes",
    "CPh7_cXPh7_cXKMAAAENCZCAAKqAAAAAAAAAAAAAAAAA.II7Nd_X__bX9n-_7_6ft0eY1f9_r37uQzDhfNs-8F3L_W_LwX32E7NF36tq4KmR4ku1bBIQNtHMnUDUmxaolVrzHsak2cpyNKJ_JkknsZe2dYGF9Pn9lD-YKZ7_5_9_f52T_9_9_-39z3_9f___dv_-__-vjf_599n_v9fV_78_Kf9______-____________8A",
    [1, 3, 5, 7, 9],
  ],
  ["even purposes", "CPh8CeXPh8CeXMgAAAENCZCAAFVAAAAAAAAAAAAAAAAA", [2, 4, 6, 8, 10]],
  ["every purpose", "CPh8CoIPh8CoINYAAAENCZCAAP_AAAAAAAAAAAAAAAAA", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ["none", "CPh8CjOPh8CjOEZAAAENCZCAAAAAAAAAAAAAAAAAAAAA", []],
];

describe("decodeTcString", () => {
  it.each(built)("%s", (_name, tc, purposes, expected) => {
    expect(tcfGrants(tc, purposes)).toBe(expected);
  });

  it("reads the fields it reports where the spec puts them", () => {
    const tc = decodeTcString(
      encodeTcString({ cmpId: 4000, policyVersion: 4, purposes: [1, 2, 24], legitimateInterests: [7] }),
    );
    expect(tc).toEqual({ policyVersion: 4, cmpId: 4000, purposes: [1, 2, 24], legitimateInterests: [7] });
  });

  it.each(published)("a published string: %s", (_name, tc, purposes) => {
    expect(decodeTcString(tc)?.purposes.filter((p) => p <= 10)).toEqual(purposes);
  });

  it("refuses a version-1 (B...) string", () => {
    expect(decodeTcString("BPh8CjOPh8CjOEZAAAENCZCAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });
});

describe("consentGranted (CONSENT_MODE=required)", () => {
  const grant = encodeTcString({ purposes: [1, 5, 6] });
  const deny = encodeTcString({ purposes: [1] });
  const c = { cookie: "wm_consent", purposes: DEFAULT };
  // [name, cookies, expected]
  const cases: [string, Record<string, string>, boolean][] = [
    ["nothing", {}, false],
    ["site cookie yes", { wm_consent: "yes" }, true],
    ["site cookie no", { wm_consent: "no" }, false],
    ["TCF grants", { "euconsent-v2": grant }, true],
    ["TCF refuses", { "euconsent-v2": deny }, false],
    ["TCF grants, site cookie no: the refusal wins", { "euconsent-v2": grant, wm_consent: "no" }, false],
    ["site cookie yes, TCF refuses: the refusal wins", { "euconsent-v2": deny, wm_consent: "yes" }, false],
    ["an undecodable euconsent-v2 says nothing", { "euconsent-v2": "garbage!", wm_consent: "yes" }, true],
    ["the beacon's report granted", { wm_fwconsent: "1" }, true],
    ["the beacon's report refused, TCF cookie grants", { wm_fwconsent: "0", "euconsent-v2": grant }, false],
    ["a percent-encoded TC string", { "euconsent-v2": encodeURIComponent(grant) }, true],
  ];
  it.each(cases)("%s", (_name, cookies, expected) => {
    expect(consentGranted(cookies, c)).toBe(expected);
  });
});

describe("CONSENT_PURPOSES", () => {
  it.each([
    [undefined, [1, 5, 6]],
    ["", [1, 5, 6]],
    ["1", [1]],
    [" 6, 1 ,5,1", [1, 5, 6]],
  ])("%j -> %j", (raw, ids) => {
    const c = parseConfig(raw === undefined ? {} : { CONSENT_PURPOSES: raw });
    expect(c.problems).toEqual([]);
    expect(c.consentPurposes).toEqual(ids);
  });

  it.each(["0", "25", "1;5", "one"])("names %j as invalid and keeps the default", (raw) => {
    const c = parseConfig({ CONSENT_PURPOSES: raw });
    expect(c.problems.map((p) => p.variable)).toEqual(["CONSENT_PURPOSES"]);
    expect(c.consentPurposes).toEqual([1, 5, 6]);
  });
});
