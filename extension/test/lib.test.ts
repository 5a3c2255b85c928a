import { describe, expect, it } from "vitest";
import { badgeText, badgeTitle } from "../src/lib/badge-text.ts";
import { previewRule, PREVIEW_RULE_ID } from "../src/lib/preview-rule.ts";
import { originPattern, sameOrigin, siteOrigin } from "../src/lib/site-origin.ts";
import { sandboxVisitorId, tokenClaims } from "../src/lib/token-claims.ts";
import { decodeTraceHeader } from "../src/lib/trace-header.ts";
import originPatternCases from "./cases/origin-pattern.json";
import sameOriginCases from "./cases/same-origin.json";
import siteOriginCases from "./cases/site-origin.json";
import { claimsFor, makeToken } from "./support/tokens.ts";

describe("siteOrigin", () => {
  it.each(siteOriginCases as [string, string, string | null][])("%s", (_name, input, expected) => {
    expect(siteOrigin(input)).toBe(expected);
  });
});

describe("originPattern", () => {
  it.each(originPatternCases as [string, string, string][])("%s", (_name, origin, expected) => {
    expect(originPattern(origin)).toBe(expected);
  });
});

describe("sameOrigin", () => {
  it.each(sameOriginCases as [string, string | null, string, boolean][])("%s", (_name, url, origin, expected) => {
    expect(sameOrigin(url ?? undefined, origin)).toBe(expected);
  });
});

describe("tokenClaims", () => {
  it("reads the claims before the dot", () => {
    const c = claimsFor({ stage: "abandoned", branch: "discount" });
    expect(tokenClaims(makeToken(c))).toMatchObject({ jti: c.jti, journey: "abandoned-cart", branch: "discount" });
  });
  it("handles non-ASCII claims (UTF-8 inside base64url)", () => {
    expect(tokenClaims(makeToken(claimsFor({ by: "Zoë ✓" })))?.by).toBe("Zoë ✓");
  });
  it.each([
    ["no dot", "abc"],
    ["empty claims", ".sig"],
    ["not base64url", "@@@.sig"],
    ["not JSON", `${btoa("nope")}.sig`],
    ["claims missing fields", makeToken({ jti: "x" })],
    ["extra unknown claim (strict schema)", makeToken({ ...claimsFor(), admin: true })],
  ])("refuses %s", (_name, token) => {
    expect(tokenClaims(token)).toBeNull();
  });
  it("names the sandbox visitor after the jti", () => {
    expect(sandboxVisitorId({ jti: "abc12345" })).toBe("preview:abc12345");
  });
});

describe("previewRule", () => {
  it("sets the preview header on requests to exactly this origin", () => {
    const rule = previewRule("http://127.0.0.1:8787", "tok.en");
    expect(rule.id).toBe(PREVIEW_RULE_ID);
    expect(rule.action.requestHeaders).toEqual([{ header: "X-Waymark-Preview", operation: "set", value: "tok.en" }]);
    expect(rule.condition.urlFilter).toBe("|http://127.0.0.1:8787/");
    expect(rule.condition.resourceTypes).toContain("main_frame");
    expect(rule.condition.resourceTypes).toContain("xmlhttprequest"); // the beacon's events go to the sandbox too
  });
});

describe("decodeTraceHeader", () => {
  const trace = [
    {
      journey: "abandoned-cart",
      priority: 10,
      stage: "abandoned",
      branch: "discount",
      holdout: false,
      forced: true,
      status: "applied",
      checks: [{ check: "path", ok: true }],
      actions: [{ id: "a0", type: "insert", status: "applied" }],
    },
  ];
  const encode = (v: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(v))))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  it("decodes base64url JSON of JourneyTrace[]", () => {
    expect(decodeTraceHeader(encode(trace))).toEqual(trace);
  });
  it.each([
    ["absent", null],
    ["empty", ""],
    ["not base64url", "%%%"],
    ["wrong shape", encode([{ journey: 1 }])],
    ["not a list", encode({ journey: "x" })],
  ])("returns null when %s", (_name, value) => {
    expect(decodeTraceHeader(value)).toBeNull();
  });
});

describe("badge", () => {
  it("shows the branch, abbreviated, and the full target in the title", () => {
    const p = {
      origin: "https://shop.example",
      journey: "abandoned-cart",
      stage: "abandoned",
      branch: "discount",
      version: "draft" as const,
    };
    expect(badgeText(p)).toBe("DISC");
    expect(badgeTitle(p)).toBe(
      "Waymark QA: previewing abandoned-cart / abandoned / discount (draft) on https://shop.example",
    );
    expect(badgeText(null)).toBe("");
    expect(badgeText({ stage: "abandoned" })).toBe("ABAN");
  });

  it.each([
    [{ branch: "default", stage: "abandoned" }, "ABAN"],
    [{ branch: "default" }, "ON"],
    [{}, "ON"],
    [{ branch: "defaults-off", stage: "x" }, "DEFA"],
  ])("badge for %j: %s (issue 13: never DEFA for the default branch)", (p, text) => {
    expect(badgeText(p)).toBe(text);
  });
});
