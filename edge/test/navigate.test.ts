import { env, SELF } from "cloudflare:test";
import type { JourneyInput, PageManifest } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import type { OnPageArgs } from "../src/visitor/visitor-rpc.ts";
import {
  freshVisitorId,
  getShopPage,
  manifestOf,
  setVisitorId,
  SITE,
  viaWorker,
  visitorObjectExists,
} from "./support/edge.ts";
import { previewToken } from "./support/preview.ts";
import { publishJourneys, sendEvents } from "./support/visitor-api.ts";

// POST /__waymark/navigate: an SPA's route change gets the page view a page load of that URL would get.

const BANNER = '<p class="trails-offer">Guided walks: 10% off</p>';

/** A banner on one route only (an action condition), and a redirect from an old route. */
const ROUTES: JourneyInput = {
  id: "nav-routes",
  name: "Route banner",
  priority: 50,
  stages: [{ id: "on" }],
  start: "on",
  actions: [
    {
      id: "trails-banner",
      type: "insert",
      selector: "#spa-title",
      position: "after",
      html: BANNER,
      when: [{ type: "path", glob: "/spa/trails" }],
    },
    {
      id: "moved",
      type: "redirect",
      url: "/spa/gear",
      when: [{ type: "path", glob: "/spa/old-gear" }],
    },
    { id: "away", type: "redirect", url: "https://evil.example/spa", when: [{ type: "path", glob: "/spa/away" }] },
    { id: "loop", type: "redirect", url: `${SITE}/spa/loop`, when: [{ type: "path", glob: "/spa/loop" }] },
  ],
};

beforeAll(async () => {
  await publishJourneys([ROUTES]);
});

type Reply = PageManifest & { redirect?: string };

function navigate(
  url: unknown,
  opts: { cookie?: string; headers?: Record<string, string>; env?: Partial<Env>; body?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: SITE,
    "sec-fetch-site": "same-origin",
    referer: `${SITE}/spa`,
    ...opts.headers,
  };
  if (opts.cookie) headers.cookie = opts.cookie;
  const body = opts.body ?? JSON.stringify({ url });
  return viaWorker(new Request(`${SITE}/__waymark/navigate`, { method: "POST", headers, body }), opts.env);
}

const actionIds = (r: Reply) => r.applied.map((a) => a.actionId);

/** A VISITOR namespace that records every call the Worker makes on it (only onPage is offered). */
function countingVisitors(calls: string[]): Partial<Env> {
  const namespace = {
    getByName(name: string) {
      calls.push(`getByName ${name}`);
      const stub = env.VISITOR.getByName(name);
      return {
        onPage(args: OnPageArgs) {
          calls.push(`onPage ${args.ctx.path}`);
          return stub.onPage(args);
        },
      };
    },
  };
  return { VISITOR: namespace as unknown as Env["VISITOR"] };
}

describe("POST /__waymark/navigate", () => {
  it("answers the route's manifest: the banner on its route only, the visitor's cookie set", async () => {
    const res = await navigate(`${SITE}/spa/trails?from=nav#top`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-waymark")).toBe("personalized");
    expect(res.headers.get("server-timing")).toMatch(/^waymark;dur=\d+;desc="personalized"$/);
    const id = setVisitorId(res);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22,32}$/);
    const trails = (await res.json()) as Reply;
    expect(actionIds(trails)).toEqual(["trails-banner"]);
    expect(trails.applied[0]).toMatchObject({ journey: "nav-routes", action: { type: "insert", html: BANNER } });
    expect(trails.nudges).toEqual([]);
    expect(trails.redirect).toBeUndefined();

    // The same visitor on another route: nothing to apply there; the page views were recorded on its object.
    const plan = await navigate("/spa", { cookie: `wm_vid=${id}` });
    expect(plan.headers.get("x-waymark")).toBe("passthrough");
    expect(setVisitorId(plan)).toBe(id);
    expect(actionIds((await plan.json()) as Reply)).toEqual([]);
    const me = await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } });
    expect(await me.json()).toMatchObject({ stored: true, pageViews: 2, recentPaths: ["/spa/trails", "/spa"] });
  });

  it("gives a route the same manifest a page load of that URL gets", async () => {
    // No consent signal stored (GPC): both decide in memory, so the two answers can be compared exactly.
    const headers = { "sec-gpc": "1" };
    const page = manifestOf(await (await getShopPage("/spa/trails", { headers })).text());
    expect(page?.applied.map((a) => a.actionId)).toEqual(["trails-banner"]);
    const res = await SELF.fetch(`${SITE}/__waymark/navigate`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: SITE, ...headers },
      body: JSON.stringify({ url: "/spa/trails" }),
    });
    expect(await res.json()).toEqual(page);
  });

  it("makes exactly one visitor-object call, for the route's URL", async () => {
    const calls: string[] = [];
    const id = freshVisitorId();
    const res = await navigate("/spa/trails", { cookie: `wm_vid=${id}`, env: countingVisitors(calls) });
    expect(res.status).toBe(200);
    expect(actionIds((await res.json()) as Reply)).toEqual(["trails-banner"]);
    expect(calls).toEqual([`getByName ${id}`, "onPage /spa/trails"]);
  });

  it("returns a journey's redirect for the beacon to follow", async () => {
    const res = await navigate("/spa/old-gear", { cookie: `wm_vid=${freshVisitorId()}` });
    const reply = (await res.json()) as Reply;
    expect(reply.redirect).toBe("/spa/gear");
    expect(reply.applied).toEqual([]);
    // Never off the site (the engine drops it), and never to the route itself (decided, but a loop), as for a page.
    const away = await navigate("/spa/away", { cookie: `wm_vid=${freshVisitorId()}` });
    expect(((await away.json()) as Reply).redirect).toBeUndefined();
    const loop = await navigate("/spa/loop", { cookie: `wm_vid=${freshVisitorId()}` });
    expect(loop.headers.get("x-waymark")).toBe("personalized");
    expect(((await loop.json()) as Reply).redirect).toBeUndefined();
  });

  it("refuses URLs of other sites, and Waymark's own paths, with 400 and the path", async () => {
    for (const url of [
      "https://other.example/spa",
      "//other.example/spa",
      "javascript:alert(1)",
      "spa/trails",
      "/\t/other.example",
      "/__waymark/me",
      `${SITE}/__waymark/events`,
    ]) {
      const res = await navigate(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { issues: { path: (string | number)[] }[] };
      expect(body.issues.map((i) => i.path)).toEqual([["url"]]);
      expect(setVisitorId(res)).toBeNull();
    }
    for (const body of ["{}", '{"url":5}', '{"url":"/spa","x":1}', '{"url":""}', "not json"])
      expect((await navigate(null, { body })).status, body).toBe(400);
  });

  it("refuses calls from another site's page with 403", async () => {
    const refused: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: SITE, "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      const id = freshVisitorId();
      const res = await navigate("/spa/trails", { cookie: `wm_vid=${id}`, headers });
      expect(res.status).toBe(403);
      expect(await visitorObjectExists(id)).toBe(false);
    }
  });

  it("answers 413 past its small body limit (declared or streamed)", async () => {
    const big = JSON.stringify({ url: `/spa?q=${"x".repeat(5_000)}` });
    expect((await navigate(null, { body: big })).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await viaWorker(
      new Request(`${SITE}/__waymark/navigate`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: SITE },
        body: stream,
        // @ts-expect-error workerd needs it for a stream body
        duplex: "half",
      }),
    );
    expect(res.status).toBe(413);
  });

  it("personalizes nothing and stores nothing for an opted-out browser", async () => {
    const id = freshVisitorId();
    const calls: string[] = [];
    const res = await navigate("/spa/trails", { cookie: `wm_optout=1; wm_vid=${id}`, env: countingVisitors(calls) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("optout");
    expect(res.headers.getSetCookie()).toEqual([]);
    const reply = (await res.json()) as Reply;
    expect(reply.applied).toEqual([]);
    expect(reply.nudges).toEqual([]);
    expect(calls).toEqual([]);
    expect(await visitorObjectExists(id)).toBe(false);
  });

  it("decides in memory without consent (GPC): request-level actions, no cookie, nothing stored", async () => {
    const id = freshVisitorId();
    const res = await navigate("/spa/trails", { cookie: `wm_vid=${id}`, headers: { "sec-gpc": "1" } });
    expect(actionIds((await res.json()) as Reply)).toEqual(["trails-banner"]);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await visitorObjectExists(id)).toBe(false);
  });

  it("honours a preview token: the sandbox decides (trace included), the real visitor is never touched", async () => {
    const { token, jti } = await previewToken("nav-routes", { stage: "on" });
    const id = freshVisitorId();
    for (const auth of [{ headers: { "x-waymark-preview": token } }, { cookie: `wm_preview=${token}` }]) {
      const res = await navigate("/spa/trails", {
        ...auth,
        cookie: [auth.cookie, `wm_vid=${id}`].filter(Boolean).join("; "),
      });
      expect(res.headers.get("x-waymark")).toBe("preview");
      expect(res.headers.get("x-waymark-trace")).toBeTruthy();
      expect(setVisitorId(res)).toBeNull();
      const reply = (await res.json()) as Reply;
      expect(reply.preview).toBe(true);
      expect(actionIds(reply)).toEqual(["trails-banner"]);
    }
    expect(await visitorObjectExists(id)).toBe(false);
    expect(await visitorObjectExists(`preview:${jti}`)).toBe(true);
  });

  it("counts against the visitor's per-minute event window: 429 with Retry-After once it is spent", async () => {
    const id = freshVisitorId();
    const batch = Array.from({ length: 50 }, () => ({ type: "scroll" }));
    for (let i = 0; i < 12; i++) expect((await sendEvents(`wm_vid=${id}`, batch)).status).toBe(200);
    const res = await navigate("/spa/trails", { cookie: `wm_vid=${id}` });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const me = await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } });
    expect(await me.json()).toMatchObject({ pageViews: 0, eventCount: 600 });
  });

  it("answers bots and switched-off personalization with an empty manifest, deciding nothing", async () => {
    const calls: string[] = [];
    const bot = await navigate("/spa/trails", {
      headers: { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" },
      env: countingVisitors(calls),
    });
    expect(bot.headers.get("x-waymark")).toBe("bot");
    expect(((await bot.json()) as Reply).applied).toEqual([]);
    const off = await navigate("/spa/trails", { env: { ...countingVisitors(calls), PERSONALIZATION: "off" } });
    expect(((await off.json()) as Reply).applied).toEqual([]);
    expect(off.headers.getSetCookie()).toEqual([]);
    expect(calls).toEqual([]);
  });
});
