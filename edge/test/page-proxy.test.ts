import { describe, expect, it } from "vitest";
import {
  BROWSER,
  getPage,
  GOOGLEBOT,
  ORIGIN,
  originText,
  SITE,
  freshVisitorId,
  viaWorker,
  visitorObjectExists,
} from "./support/edge.ts";

describe("proxying to the origin", () => {
  it("forwards method, headers and a streamed body; drops hop-by-hop; sets X-Forwarded-*", async () => {
    const res = await viaWorker(
      new Request(`${SITE}/echo/path?q=1&q=2`, {
        method: "POST",
        headers: {
          "content-type": "text/plain",
          "x-custom": "kept",
          connection: "keep-alive, x-drop-me",
          "x-drop-me": "hop",
          "cf-connecting-ip": "203.0.113.7",
        },
        body: new Blob(["hello ", "origin"]).stream(),
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-echo")).toBe("1");
    const echo = (await res.json()) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(echo.method).toBe("POST");
    expect(echo.url).toBe("/echo/path?q=1&q=2");
    expect(echo.body).toBe("hello origin");
    expect(echo.headers["x-custom"]).toBe("kept");
    expect(echo.headers["x-drop-me"]).toBeUndefined();
    expect(echo.headers.host).toBe(new URL(ORIGIN).host);
    expect(echo.headers["x-forwarded-proto"]).toBe("https");
    expect(echo.headers["x-forwarded-host"]).toBe("shop.example");
    expect(echo.headers["x-forwarded-for"]).toBe("203.0.113.7");
  });

  it("passes redirects through, rewriting Location only when it points at the origin", async () => {
    const abs = await getPage("/redirect/abs");
    expect(abs.status).toBe(302);
    expect(abs.headers.get("location")).toBe(`${SITE}/html/basic?from=abs`);
    const rel = await getPage("/redirect/rel");
    expect(rel.status).toBe(301);
    expect(rel.headers.get("location")).toBe("/html/basic?from=rel");
    const other = await getPage("/redirect/other");
    expect(other.headers.get("location")).toBe("https://other.example/elsewhere");
  });

  it("passes origin errors through as sent", async () => {
    for (const code of [404, 500, 503]) {
      const res = await getPage(`/status/${code}`);
      expect(res.status).toBe(code);
      expect(res.headers.get("x-origin")).toBe("yes");
      expect(res.headers.get("x-waymark")).toBeNull();
      expect(await res.text()).toBe(await originText(`/status/${code}`));
    }
  });

  it("does not call the visitor's object for an error page unless the request was a navigation", async () => {
    // Navigations decide in parallel with the origin fetch (speculatively); other requests wait for the answer.
    const visitor = freshVisitorId();
    const res = await getPage("/status/500", {
      cookie: `wm_vid=${visitor}`,
      headers: { "sec-fetch-dest": "empty", accept: "*/*" },
    });
    expect(res.status).toBe(500);
    await res.text();
    expect(await visitorObjectExists(visitor)).toBe(false);
  });

  it("answers a clear 502 HTML page when the origin is unreachable", async () => {
    const res = await getPage("/html/basic", { env: { ORIGIN_URL: "http://127.0.0.1:1" } });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("502 Bad Gateway");
  });

  it("passes a reset connection as a 502, never a raw exception", async () => {
    const res = await getPage("/reset");
    expect(res.status).toBe(502);
  });
});

describe("what is never personalized", () => {
  it("leaves non-HTML untouched (body, ETag) with no Durable Object call", async () => {
    const visitor = freshVisitorId();
    for (const path of ["/asset.css", "/data.json", "/html-as-json"]) {
      // Even with a browser's Accept header (a navigation to a JSON URL): the origin's answer decides.
      const res = await getPage(path, {
        cookie: `wm_vid=${visitor}`,
        headers: { "sec-fetch-dest": "empty", accept: "*/*" },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(res.headers.get("x-waymark")).toBeNull();
      expect(await res.text()).toBe(await originText(path));
    }
    const css = await getPage("/asset.css", { cookie: `wm_vid=${visitor}` });
    expect(css.headers.get("etag")).toBe('"css1"');
    await css.text();
    expect(await visitorObjectExists(visitor)).toBe(false);
  });

  it("a control: an HTML page does reach the visitor's object", async () => {
    const visitor = freshVisitorId();
    const res = await getPage("/html/basic", { cookie: `wm_vid=${visitor}` });
    expect(res.headers.get("x-waymark")).toMatch(/personalized|passthrough/);
    await res.text();
    expect(await visitorObjectExists(visitor)).toBe(true);
  });

  it("leaves non-GET requests untouched", async () => {
    const visitor = freshVisitorId();
    const res = await viaWorker(
      new Request(`${SITE}/html/basic`, { method: "HEAD", headers: { ...BROWSER, cookie: `wm_vid=${visitor}` } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await visitorObjectExists(visitor)).toBe(false);
  });

  it("gives bots the canonical page: no cookie, no state, X-Waymark: bot", async () => {
    const visitor = freshVisitorId();
    const res = await getPage("/html/basic", { cookie: `wm_vid=${visitor}`, headers: { "user-agent": GOOGLEBOT } });
    expect(res.headers.get("x-waymark")).toBe("bot");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(await res.text()).toBe(await originText("/html/basic"));
    expect(await visitorObjectExists(visitor)).toBe(false);
  });

  it("passes non-UTF-8 pages through byte for byte", async () => {
    const res = await getPage("/html/latin1");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const direct = new Uint8Array(await (await fetch(`${ORIGIN}/html/latin1`)).arrayBuffer());
    expect(bytes).toEqual(direct);
  });

  it("respects Cache-Control: no-transform", async () => {
    const res = await getPage("/html/no-transform");
    expect(await res.text()).toBe(await originText("/html/no-transform"));
  });
});

describe("HTML pages", () => {
  it("are rewritten with the manifest and beacon, marked private, without stale validators", async () => {
    const res = await getPage("/html/basic");
    const html = await res.text();
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("server-timing")).toMatch(/^waymark;dur=\d+;desc="(personalized|passthrough)"$/);
    expect(html).toMatch(
      /<script type="application\/json" id="__waymark">\{.*\}<\/script><script async src="\/__waymark\/beacon\.js\?v=\w{8,}"><\/script><\/head>/,
    );
  });

  it.each(["/html/gzip", "/html/br"])("decodes %s HTML and keeps Content-Encoding consistent", async (path) => {
    const res = await getPage(path, { headers: { "accept-encoding": "gzip, br" } });
    const html = await res.text();
    expect(html).toContain('<h1 id="title">Hello</h1>');
    expect(html).toContain('id="__waymark"');
    expect(res.headers.get("content-length")).toBeNull();
  });

  it("reuses the CSP header's nonce for the beacon", async () => {
    const html = await (await getPage("/html/csp")).text();
    expect(html).toContain('src="/__waymark/beacon.js?');
    expect(html).toMatch(/beacon\.js\?v=\w+" nonce="headernonce456"/);
  });

  it("reuses a <script nonce> of the page when the CSP header has none", async () => {
    const html = await (await getPage("/html/script-nonce")).text();
    expect(html).toMatch(/beacon\.js\?v=\w+" nonce="pagenonce123"/);
  });

  it("injects at the end of a fragment with neither head nor body, and at the start of body without head", async () => {
    const frag = await (await getPage("/html/fragment")).text();
    expect(frag.startsWith("<p id='frag'>just a fragment</p>")).toBe(true);
    expect(frag).toMatch(/<\/p><script type="application\/json" id="__waymark">/);
    const noHead = await (await getPage("/html/no-head")).text();
    expect(noHead).toMatch(/<body><script type="application\/json" id="__waymark">/);
  });

  it("survives malformed markup", async () => {
    const res = await getPage("/html/malformed");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("unclosed <b>bold");
  });
});
