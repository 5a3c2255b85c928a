import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { PreviewClaims } from "@waymark/shared/schemas/preview.ts";
import { toBase64Url } from "../src/http/base64url.ts";
import { signPreviewToken, verifyPreviewToken } from "../src/preview/preview-token.ts";
import { readPreview } from "../src/preview/read-preview.ts";
import { api, makeJourney, SITE } from "./support/admin-api.ts";

const SECRET = "unit-test-secret-0123456789abcdef";
const NOW = Date.parse("2030-01-01T12:00:00Z");
const iat = Math.floor(NOW / 1000);
const claims = (over: Partial<PreviewClaims> = {}): PreviewClaims => ({
  jti: "jti-0123456789",
  journey: "abandoned-cart",
  stage: "abandoned",
  branch: "discount",
  version: "draft",
  site: "shop.example",
  iat,
  exp: iat + 3_600,
  ...over,
});
const at = { now: NOW, host: "shop.example" };

describe("preview tokens", () => {
  it("round-trips signed claims", async () => {
    const token = await signPreviewToken(claims(), SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyPreviewToken(token, SECRET, at)).toEqual(claims());
    expect(await verifyPreviewToken(token, SECRET, { ...at, host: "SHOP.example" })).not.toBeNull();
  });

  it("refuses every other spelling of the signature's last character (spare base64url bits)", async () => {
    const token = await signPreviewToken(claims(), SECRET);
    const last = token[token.length - 1];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const ch of alphabet) {
      if (ch === last) continue;
      expect(await verifyPreviewToken(token.slice(0, -1) + ch, SECRET, at), ch).toBeNull();
    }
  });

  it("refuses a tampered payload, a tampered signature and another secret", async () => {
    const token = await signPreviewToken(claims(), SECRET);
    const [payload, sig] = token.split(".");
    const forged = toBase64Url(new TextEncoder().encode(JSON.stringify(claims({ branch: "reminder" }))));
    expect(await verifyPreviewToken(`${forged}.${sig}`, SECRET, at)).toBeNull();
    const flipped = sig.slice(0, 10) + (sig[10] === "A" ? "B" : "A") + sig.slice(11);
    expect(await verifyPreviewToken(`${payload}.${flipped}`, SECRET, at)).toBeNull();
    expect(await verifyPreviewToken(token, "another-secret-0123456789abcdef", at)).toBeNull();
    expect(await verifyPreviewToken(token, "", at)).toBeNull();
  });

  it("refuses an expired token, a token for another site and a lifetime over 24 h", async () => {
    const token = await signPreviewToken(claims(), SECRET);
    expect(await verifyPreviewToken(token, SECRET, { ...at, now: NOW + 3_599_000 })).not.toBeNull();
    expect(await verifyPreviewToken(token, SECRET, { ...at, now: NOW + 3_600_000 })).toBeNull();
    expect(await verifyPreviewToken(token, SECRET, { ...at, host: "other.example" })).toBeNull();
    expect(await verifyPreviewToken(token, SECRET, { ...at, host: "shop.example:8787" })).toBeNull();
    const long = await signPreviewToken(claims({ exp: iat + 86_401 }), SECRET);
    expect(await verifyPreviewToken(long, SECRET, at)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["one part", "abc"],
    ["three parts", "a.b.c"],
    ["not base64url", "a+b.c/d"],
    ["short signature", "eyJhIjoxfQ.abcd"],
    ["oversized", "a".repeat(5_000) + ".b"],
  ])("refuses a malformed token (%s)", async (_name, token) => {
    expect(await verifyPreviewToken(token, SECRET, at)).toBeNull();
  });

  it("refuses correctly signed claims that fail the schema", async () => {
    const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ journey: "x", site: "shop.example" })));
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(payload)));
    expect(await verifyPreviewToken(`${payload}.${toBase64Url(sig)}`, SECRET, at)).toBeNull();
  });
});

describe("readPreview", () => {
  const live = () => {
    const now = Math.floor(Date.now() / 1000);
    return claims({ iat: now, exp: now + 600 });
  };

  it("reads the X-Waymark-Preview header and the wm_preview cookie", async () => {
    const token = await signPreviewToken(live(), env.PREVIEW_SECRET);
    const byHeader = new Request(`${SITE}/`, { headers: { "x-waymark-preview": token } });
    expect((await readPreview(byHeader, env))?.branch).toBe("discount");
    const byCookie = new Request(`${SITE}/cart`, { headers: { cookie: `a=1; wm_preview=${token}; b=2` } });
    expect((await readPreview(byCookie, env))?.journey).toBe("abandoned-cart");
  });

  it("falls back to the cookie when the header is invalid, and is null without a valid token", async () => {
    const token = await signPreviewToken(live(), env.PREVIEW_SECRET);
    const both = new Request(`${SITE}/`, { headers: { "x-waymark-preview": "junk", cookie: `wm_preview=${token}` } });
    expect(await readPreview(both, env)).not.toBeNull();
    expect(await readPreview(new Request(`${SITE}/`), env)).toBeNull();
    const tampered = new Request(`${SITE}/`, { headers: { "x-waymark-preview": token.slice(0, -2) + "xx" } });
    expect(await readPreview(tampered, env)).toBeNull();
    const elsewhere = new Request("https://other.example/", { headers: { "x-waymark-preview": token } });
    expect(await readPreview(elsewhere, env)).toBeNull();
    expect(
      await readPreview(new Request(`${SITE}/`, { headers: { "x-waymark-preview": token } }), {
        ...env,
        PREVIEW_SECRET: "",
      }),
    ).toBeNull();
  });
});

describe("POST /__waymark/api/preview-tokens", () => {
  it("issues a token for a draft branch, valid for an hour on this site", async () => {
    const before = Date.now();
    const r = await api("POST", "/preview-tokens", {
      journey: "abandoned-cart",
      stage: "abandoned",
      branch: "reminder",
    });
    expect(r.status).toBe(201);
    expect(r.body.link).toBe(`${SITE}/__waymark/preview?token=${encodeURIComponent(r.body.token)}`);
    const c = await verifyPreviewToken(r.body.token, env.PREVIEW_SECRET, { now: Date.now(), host: "shop.example" });
    expect(c).toMatchObject({
      journey: "abandoned-cart",
      stage: "abandoned",
      branch: "reminder",
      version: "draft",
      by: "admin",
    });
    expect(c!.exp - c!.iat).toBe(3_600);
    const expires = Date.parse(r.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(r.body.expiresAt).toBe(new Date(c!.exp * 1000).toISOString());
    const log = await api("GET", "/audit?limit=1");
    expect(log.body.entries[0]).toMatchObject({ action: "preview.token", target: "abandoned-cart", actor: "admin" });
  });

  it("accepts a ttl in seconds or as a duration, up to 24 h", async () => {
    for (const [ttl, seconds] of [
      [120, 120],
      ["2h", 7_200],
      ["30m", 1_800],
      [86_400, 86_400],
    ] as const) {
      const r = await api("POST", "/preview-tokens", { journey: "welcome-back", ttl });
      expect(r.status, String(ttl)).toBe(201);
      const c = await verifyPreviewToken(r.body.token, env.PREVIEW_SECRET, { now: Date.now(), host: "shop.example" });
      expect(c!.exp - c!.iat).toBe(seconds);
    }
  });

  it("previews a draft never published, but not in a version that lacks it", async () => {
    await api("PUT", "/journeys/preview-draft", makeJourney("preview-draft"));
    expect((await api("POST", "/preview-tokens", { journey: "preview-draft", branch: "b" })).status).toBe(201);
    const r = await api("POST", "/preview-tokens", { journey: "preview-draft", version: 1 });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toEqual(["journey"]);
    expect((await api("POST", "/preview-tokens", { journey: "abandoned-cart", version: 1 })).status).toBe(201);
  });

  it.each([
    [{ journey: "no-such-journey" }, ["journey"]],
    [{ journey: "abandoned-cart", stage: "nowhere" }, ["stage"]],
    [{ journey: "abandoned-cart", branch: "nobranch" }, ["branch"]],
    [{ journey: "abandoned-cart", version: 999 }, ["version"]],
    [{ journey: "abandoned-cart", ttl: 86_401 }, ["ttl"]],
    [{ journey: "abandoned-cart", ttl: "48h" }, ["ttl"]],
    [{ journey: "abandoned-cart", ttl: "0s" }, ["ttl"]],
    [{ journey: "abandoned-cart", extra: 1 }, []],
    [{ journey: "Bad Id" }, ["journey"]],
  ])("answers 400 with a path for %j", async (body, path) => {
    const r = await api("POST", "/preview-tokens", body);
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toEqual(path);
  });
});

describe("preview links", () => {
  async function token(): Promise<string> {
    return (await api("POST", "/preview-tokens", { journey: "abandoned-cart", branch: "discount" })).body.token;
  }

  it("sets the wm_preview cookie and redirects to the site", async () => {
    const t = await token();
    const r = await api("GET", `/__waymark/preview?token=${encodeURIComponent(t)}`, undefined, { token: null });
    expect(r.status).toBe(302);
    expect(r.res.headers.get("location")).toBe("/");
    const cookie = r.res.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^wm_preview=${t.replace(/[.]/g, "\\.")};`));
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Secure/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(3_590);
    expect(maxAge).toBeLessThanOrEqual(3_600);
    expect(r.res.headers.get("cache-control")).toBe("no-store");
  });

  it("omits Secure on plain http and lands on a same-site path only", async () => {
    const t = encodeURIComponent(await token());
    const r = await api("GET", `http://shop.example/__waymark/preview?token=${t}&path=/pricing`, undefined, {
      token: null,
    });
    expect(r.status).toBe(302);
    expect(r.res.headers.get("location")).toBe("/pricing");
    expect(r.res.headers.get("set-cookie")).not.toMatch(/Secure/);
    for (const evil of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const e = await api("GET", `/__waymark/preview?token=${t}&path=${encodeURIComponent(evil)}`, undefined, {
        token: null,
      });
      expect(e.res.headers.get("location")).toBe("/");
    }
  });

  it.each([
    ["missing", "/__waymark/preview"],
    ["garbage", "/__waymark/preview?token=garbage"],
  ])("explains an invalid link (%s) with a 400 page and no cookie", async (_n, path) => {
    const r = await api("GET", path, undefined, { token: null });
    expect(r.status).toBe(400);
    expect(r.res.headers.get("content-type")).toMatch(/text\/html/);
    expect(r.res.headers.get("set-cookie")).toBeNull();
    expect(r.body).toMatch(/cannot be used/);
  });

  it("refuses a tampered or other-site token", async () => {
    const t = await token();
    const tampered = t.slice(0, 5) + (t[5] === "a" ? "b" : "a") + t.slice(6);
    const a = await api("GET", `/__waymark/preview?token=${encodeURIComponent(tampered)}`, undefined, { token: null });
    expect(a.status).toBe(400);
    const b = await api("GET", `https://other.example/__waymark/preview?token=${encodeURIComponent(t)}`, undefined, {
      token: null,
    });
    expect(b.status).toBe(400);
    expect(b.res.headers.get("set-cookie")).toBeNull();
  });

  it("stop clears the cookie and redirects home", async () => {
    const r = await api("GET", "/__waymark/preview/stop", undefined, { token: null });
    expect(r.status).toBe(302);
    expect(r.res.headers.get("location")).toBe("/");
    expect(r.res.headers.get("set-cookie")).toMatch(/^wm_preview=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/);
  });
});
