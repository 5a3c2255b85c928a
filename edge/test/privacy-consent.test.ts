// Consent frameworks under CONSENT_MODE=required (issue 17): the euconsent-v2 cookie at the edge, and the beacon's
// reports of __tcfapi / Google Consent Mode to POST /__waymark/consent; a withdrawal erases as an opt-out does.
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import { freshVisitorId, getPage, setVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";
import { encodeTcString } from "./support/tcf-encoder.ts";

const REQUIRED = { CONSENT_MODE: "required" } as Partial<Env>;
const GRANT = encodeTcString({ purposes: [1, 2, 3, 4, 5, 6, 7] });
const DENY = encodeTcString({ purposes: [1] });

beforeAll(async () => {
  await publishJourneys([
    bannerJourney("carted", '<div id="carted">in your cart</div>', { when: [{ type: "cart", minCount: 1 }] }),
  ]);
});

async function storedRows(id: string): Promise<number> {
  return runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('state','events')")
      .toArray();
    let n = 0;
    for (const t of tables) n += state.storage.sql.exec<{ c: number }>(`SELECT COUNT(*) AS c FROM ${t.name}`).one().c;
    return n;
  });
}

function postEvent(cookie: string, overrides = REQUIRED) {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ type: "add_to_cart", data: { id: "x", name: "X", price: 1 } }),
    }),
    overrides,
  );
}

function report(body: unknown, opts: { cookie?: string; headers?: Record<string, string>; env?: Partial<Env> } = {}) {
  return viaWorker(
    new Request(`${SITE}/__waymark/consent`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sec-fetch-site": "same-origin",
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...opts.headers,
      },
      body: JSON.stringify(body),
    }),
    opts.env ?? REQUIRED,
  );
}

/** The wm_fwconsent value a response sets. */
const fwCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => /^wm_fwconsent=([^;]*)/.exec(c)?.[1])
    .find((v) => v !== undefined) ?? null;

describe("the euconsent-v2 cookie", () => {
  it("granting the configured purposes lets the edge identify and store", async () => {
    const res = await getPage("/html/basic", { env: REQUIRED, cookie: `euconsent-v2=${GRANT}` });
    await res.text();
    const id = setVisitorId(res);
    expect(id).not.toBeNull();
    expect((await postEvent(`euconsent-v2=${GRANT}; wm_vid=${id}`)).status).toBe(200);
    expect(await storedRows(id!)).toBeGreaterThan(0);
  });

  it("denying them stores nothing, and the purposes are configurable", async () => {
    const res = await getPage("/html/basic", { env: REQUIRED, cookie: `euconsent-v2=${DENY}` });
    await res.text();
    expect(setVisitorId(res)).toBeNull();
    const ev = await postEvent(`euconsent-v2=${DENY}`);
    expect(await ev.json()).toEqual({ accepted: 0, actions: [] });
    expect(ev.headers.get("set-cookie")).toBeNull();
    // CONSENT_PURPOSES=1: the same string now grants.
    const one = await getPage("/html/basic", {
      env: { ...REQUIRED, CONSENT_PURPOSES: "1" } as Partial<Env>,
      cookie: `euconsent-v2=${DENY}`,
    });
    await one.text();
    expect(setVisitorId(one)).not.toBeNull();
  });

  it("GPC keeps winning over a granting TC string", async () => {
    const res = await getPage("/html/basic", {
      env: REQUIRED,
      cookie: `euconsent-v2=${GRANT}`,
      headers: { "sec-gpc": "1" },
    });
    await res.text();
    expect(setVisitorId(res)).toBeNull();
  });
});

describe("POST /__waymark/consent", () => {
  it("Consent Mode denied, then granted: storage starts with the grant", async () => {
    const denied = await report({ consentMode: { analytics_storage: "denied", ad_storage: "denied" } });
    expect(await denied.json()).toEqual({ consent: "refused", mode: "anonymous", erased: false });
    expect(fwCookie(denied)).toBe("0");
    expect(await (await postEvent("wm_fwconsent=0")).json()).toEqual({ accepted: 0, actions: [] });

    const granted = await report({ consentMode: { analytics_storage: "granted" } }, { cookie: "wm_fwconsent=0" });
    expect(await granted.json()).toEqual({ consent: "granted", mode: "full", erased: false });
    expect(granted.headers.getSetCookie().find((c) => c.startsWith("wm_fwconsent="))).toMatch(
      /^wm_fwconsent=1; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly; Secure$/,
    );
    const ev = await postEvent("wm_fwconsent=1");
    expect((await ev.json()) as object).toMatchObject({ accepted: 1 });
    const id = setVisitorId(ev);
    expect(id).not.toBeNull();
    expect(await storedRows(id!)).toBeGreaterThan(0);
  });

  it("withdrawn consent erases what was stored and forgets the id, as opt-out does", async () => {
    const id = freshVisitorId();
    expect((await postEvent(`wm_fwconsent=1; wm_vid=${id}`)).status).toBe(200);
    expect(await storedRows(id)).toBeGreaterThan(0);
    const res = await report({ tcf: DENY }, { cookie: `wm_fwconsent=1; wm_vid=${id}` });
    expect(await res.json()).toEqual({ consent: "refused", mode: "anonymous", erased: true });
    expect(res.headers.getSetCookie().some((c) => /^wm_vid=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await storedRows(id)).toBe(0);
    // A batch sent a moment before the withdrawal, arriving after it, stores nothing (the erasure's tombstone).
    expect(await (await postEvent(`wm_fwconsent=1; wm_vid=${id}`)).json()).toMatchObject({ accepted: 0 });
    expect(await storedRows(id)).toBe(0);
  });

  it("decodes a reported TC string with CONSENT_PURPOSES", async () => {
    expect(await (await report({ tcf: GRANT })).json()).toMatchObject({ consent: "granted", mode: "full" });
    expect(await (await report({ tcf: DENY })).json()).toMatchObject({ consent: "refused" });
    const both = await report({ tcf: GRANT, consentMode: { analytics_storage: "denied" } });
    expect(await both.json()).toMatchObject({ consent: "refused" });
  });

  it("Consent Mode: personalization_storage when the page sets it, else analytics_storage", async () => {
    const cm = async (consentMode: object) =>
      ((await (await report({ consentMode })).json()) as { consent: string }).consent;
    expect(await cm({ analytics_storage: "granted", personalization_storage: "denied" })).toBe("refused");
    expect(await cm({ analytics_storage: "denied", personalization_storage: "granted" })).toBe("granted");
    expect(await cm({ analytics_storage: "granted", ad_storage: "denied", ad_user_data: "denied" })).toBe("granted");
  });

  it("any refusal among the signals wins: a grant here does not beat the site's own 'no'", async () => {
    const res = await report({ consentMode: { analytics_storage: "granted" } }, { cookie: "wm_consent=no" });
    expect(await res.json()).toEqual({ consent: "granted", mode: "anonymous", erased: false });
  });

  it("GPC keeps winning", async () => {
    const res = await report({ tcf: GRANT }, { headers: { "sec-gpc": "1" } });
    expect(await res.json()).toMatchObject({ consent: "granted", mode: "anonymous" });
  });

  it("under CONSENT_MODE=implied the verdict is kept but changes nothing, and erases nothing", async () => {
    const id = freshVisitorId();
    expect((await postEvent(`wm_vid=${id}`, {})).status).toBe(200);
    const res = await report({ consentMode: { analytics_storage: "denied" } }, { cookie: `wm_vid=${id}`, env: {} });
    expect(await res.json()).toEqual({ consent: "refused", mode: "full", erased: false });
    expect(await storedRows(id)).toBeGreaterThan(0);
  });

  it.each([
    ["another site's page", { "sec-fetch-site": "cross-site" }, 403],
    ["no Sec-Fetch-Site and a foreign Origin", { "sec-fetch-site": "", origin: "https://evil.example" }, 403],
  ])("refuses %s", async (_name, headers, status) => {
    const req = new Request(`${SITE}/__waymark/consent`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ tcf: GRANT }),
    });
    if (!headers["sec-fetch-site"]) req.headers.delete("sec-fetch-site");
    const res = await viaWorker(req, REQUIRED);
    expect(res.status).toBe(status);
    expect(fwCookie(res)).toBeNull();
  });

  it.each([
    ["empty", {}],
    ["an unknown key", { tcf: GRANT, extra: 1 }],
    ["a TC string that does not decode", { tcf: "not-a-tc-string" }],
    ["Consent Mode without a storage signal", { consentMode: { ad_storage: "granted" } }],
    ["a value that is not granted/denied", { consentMode: { analytics_storage: "yes" } }],
  ])("400 for %s", async (_name, body) => {
    const res = await report(body);
    expect(res.status).toBe(400);
    expect(fwCookie(res)).toBeNull();
  });
});
