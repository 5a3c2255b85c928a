// The rules store under faults, seen from the pages: unavailable, a corrupt live row, a corrupt draft, and publishes
// racing page traffic. The hot path keeps serving the last good version, a publish that would corrupt is refused,
// and no single decision ever mixes two ruleset versions.
import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RulesStore } from "../src/rules/object/rules-store.ts";
import { api } from "./support/admin-api.ts";
import { manifestOf } from "./support/edge.ts";
import { eventually, getMisbehaving } from "./support/misbehaving-origin-client.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

// The live ruleset is cached per isolate for ~5 s; instead of waiting, the tests move the clock past that.
let offset = 0;
beforeEach(() => {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => real() + offset);
});
afterEach(() => vi.restoreAllMocks());
const skipAhead = (ms = 6_000) => {
  offset += ms;
};

const rulesStub = () => env.RULES.getByName("rules") as DurableObjectStub<RulesStore>;

/** A RULES namespace whose store is down (every call rejects). */
const storeDown = {
  getByName: () => new Proxy({}, { get: () => () => Promise.reject(new Error("rules store unavailable")) }),
} as unknown as Env["RULES"];

async function page(envOverrides: Partial<Env> = {}) {
  const res = await getMisbehaving("/basic", { env: envOverrides });
  const html = await res.text();
  return { res, html, manifest: manifestOf(html) };
}

/** Pages (moving the clock so the cache refreshes) until they show `version`. */
async function untilLive(version: number) {
  const ok = await eventually(async () => {
    skipAhead();
    return (await page()).manifest?.version === version;
  }, 8_000);
  expect(ok).toBe(true);
}

/** A banner journey in a slot of its own (banners sharing a slot would compete, and only one would show). */
const banner = (id: string, text: string) => {
  const html = `<p class="${id}">${text}</p>`;
  return bannerJourney(id, html, {
    actions: [{ id: "top", type: "insert", selector: "body", position: "prepend", html, slot: id }],
  });
};

describe("rules store faults", () => {
  it("keeps serving the last good version while the store is unavailable", async () => {
    const v = await publishJourneys([banner("rs-down", "version A")]);
    await untilLive(v);
    for (let i = 0; i < 5; i++) {
      skipAhead();
      const { res, html, manifest } = await page({ RULES: storeDown });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-waymark")).toBe("personalized");
      expect(manifest?.version).toBe(v);
      expect(html).toContain('<p class="rs-down">version A</p>');
    }
    // Beacon events too: the visitor's object needs no store to record them.
    const ev = await getMisbehaving("/basic", { env: { RULES: storeDown } });
    expect(ev.status).toBe(200);
  });

  it("refuses a publish while a draft is corrupt, and the pages keep the live version", async () => {
    const live = await publishJourneys([banner("rs-live", "still live")]);
    await untilLive(live);
    await api("PUT", "/journeys/rs-broken", banner("rs-broken", "never shown"));
    await runInDurableObject(rulesStub(), (_i: RulesStore, state) => {
      state.storage.sql.exec(`UPDATE drafts SET json = '{"id": "rs-broken", "stages": 7' WHERE id = 'rs-broken'`);
    });
    let pub;
    try {
      pub = await api("POST", "/publish", { note: "would corrupt" });
    } finally {
      expect((await api("DELETE", "/journeys/rs-broken")).status).toBeLessThan(300);
    }
    expect(pub.status).toBe(400);
    expect(
      pub.body.issues.some((i: { path: unknown[] }) => i.path[0] === "journeys" && i.path[1] === "rs-broken"),
    ).toBe(true);
    expect((await api("GET", "/versions")).body.live).toBe(live);
    skipAhead();
    const { res, html, manifest } = await page();
    expect(res.status).toBe(200);
    expect(manifest?.version).toBe(live);
    expect(html).toContain("still live");
    expect(html).not.toContain("never shown");
  });

  it("keeps serving the version it holds when the live row is corrupted in storage", async () => {
    const v = await publishJourneys([banner("rs-corrupt", "good copy")]);
    await untilLive(v);
    await runInDurableObject(rulesStub(), (_i: RulesStore, state) => {
      state.storage.sql.exec(`UPDATE versions SET json = '{"version": "oops"' WHERE version = ?`, v);
    });
    for (let i = 0; i < 3; i++) {
      skipAhead();
      const { res, html, manifest } = await page();
      expect(res.status).toBe(200);
      expect(manifest?.version).toBe(v);
      expect(html).toContain("good copy");
    }
    // Publishing again repairs it.
    const next = await publishJourneys([banner("rs-corrupt", "repaired")]);
    await untilLive(next);
    expect((await page()).html).toContain("repaired");
  });
});

describe("publishing during traffic", () => {
  it("never mixes two ruleset versions in one decision", async () => {
    const genOf = new Map<number, number>();
    const seen: { version: number; gens: string[] }[] = [];
    const slotted = (id: string, position: "prepend" | "append", html: string) =>
      bannerJourney(id, html, { actions: [{ id: "top", type: "insert", selector: "body", position, html, slot: id }] });
    const journeys = (gen: number) => [
      slotted("mix-a", "prepend", `<p class="mix" data-gen="${gen}">a${gen}</p>`),
      slotted("mix-b", "append", `<p class="mix" data-gen="${gen}">b${gen}</p>`),
    ];
    const pages = async () => {
      for (let k = 0; k < 4; k++) {
        skipAhead(2_000);
        const { res, html, manifest } = await page();
        expect(res.status).toBe(200);
        const gens = [...html.matchAll(/<p class="mix" data-gen="(\d+)">/g)].map((m) => m[1]);
        const fromManifest = (manifest?.applied ?? [])
          .map((a) => JSON.stringify(a))
          .flatMap((s) => [...s.matchAll(/data-gen=\\"(\d+)\\"/g)].map((m) => m[1]));
        expect(gens).toEqual(fromManifest);
        seen.push({ version: manifest!.version, gens });
      }
    };
    for (let gen = 1; gen <= 10; gen++) {
      const [version] = await Promise.all([publishJourneys(journeys(gen)), pages()]);
      genOf.set(version, gen);
    }
    await pages();
    for (const s of seen) {
      const gen = genOf.get(s.version);
      if (gen === undefined) {
        expect(s.gens).toEqual([]);
        continue;
      }
      // Both journeys' actions, both from the version the manifest names.
      expect(s.gens).toEqual([String(gen), String(gen)]);
    }
    expect(new Set(seen.filter((s) => genOf.has(s.version)).map((s) => s.version)).size).toBeGreaterThanOrEqual(3);
  });
});
