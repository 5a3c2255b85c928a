// Faults of the origin, against a real Node origin that misbehaves on purpose (support/misbehaving-origin.mjs):
// Waymark passes through what it cannot improve, streams what it can, and writes its own page only when the
// origin cannot be reached at all (502), never a raw exception.
import { beforeAll, describe, expect, it } from "vitest";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";
import {
  getMisbehaving,
  MISBEHAVING,
  originBytes,
  readUntil,
  SITE,
  stripWaymark,
} from "./support/misbehaving-origin-client.ts";

const BANNER = '<div id="wm-rel-banner">Reliability banner</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("rel-banner", BANNER)]);
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("origin unreachable or broken", () => {
  it("answers a clear 502 page when the connection is refused, never a raw exception", async () => {
    const res = await getMisbehaving("/basic", { env: { ORIGIN_URL: "http://127.0.0.1:9" } });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain("502 Bad Gateway");
    expect(html).not.toMatch(/Error:|at \w+ \(|TypeError|stack/);
  });

  it("answers 502 for a malformed ORIGIN_URL instead of throwing", async () => {
    const res = await getMisbehaving("/basic", { env: { ORIGIN_URL: "not a url" } });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("502 Bad Gateway");
  });

  it("still streams the page when the first byte is slow (within the decision budget or not)", async () => {
    const started = Date.now();
    const res = await getMisbehaving("/slow-first-byte?ms=400");
    const html = await res.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("personalized");
    expect(html).toContain(BANNER);
    expect(html).toContain('<h1 id="title">Still here</h1>');
  });

  it("delivers the top of the page (banner included) while the origin stalls mid-body, then the rest", async () => {
    const key = `stall-${crypto.randomUUID()}`;
    const res = await getMisbehaving(`/stall/${key}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await readUntil(reader, 'id="first"');
    expect(first).toContain(BANNER);
    expect(first).not.toContain("after the stall");
    await fetch(`${MISBEHAVING}/__release/${key}`);
    const all = await readUntil(reader, "</html>", first);
    expect(stripWaymark(all)).toBe(
      '<!doctype html><html><head><meta charset="utf-8"><title>stall</title></head><body><p id="first">first</p>' +
        '<p id="after">after the stall</p></body></html>',
    );
  });

  it("lets a visitor abandon a stalled page without leaking an unhandled error", async () => {
    const key = `stall-${crypto.randomUUID()}`;
    const res = await getMisbehaving(`/stall/${key}`);
    const reader = res.body!.getReader();
    await readUntil(reader, 'id="first"');
    await reader.cancel();
    await fetch(`${MISBEHAVING}/__release/${key}`);
    // The next page of the same site is unaffected.
    expect((await getMisbehaving("/basic")).status).toBe(200);
  });

  it("ends the visitor's stream with an error when the origin resets mid-body, after the part already sent", async () => {
    const res = await getMisbehaving("/reset-after?bytes=3000");
    // Headers were already on their way: the status is the origin's, and what arrived is what the origin sent.
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let got = "";
    let failed = false;
    try {
      got = await readUntil(reader, "\u0000never");
    } catch {
      failed = true;
    }
    // Either the stream errors (the browser sees a broken transfer) or it ends short; never a made-up ending.
    expect(failed || !got.includes("</html>")).toBe(true);
    if (got) expect(got).toContain('<p id="first">first</p>');
  });

  it("treats a body shorter than its Content-Length like a reset, not as a 5xx from Waymark", async () => {
    const res = await getMisbehaving("/short-body");
    expect(res.status).toBe(200);
    await res.text().catch(() => "");
  });

  it.each([500, 502, 503, 504])("passes an origin %i through as sent (status, headers, body)", async (code) => {
    const res = await getMisbehaving(`/status/${code}`);
    expect(res.status).toBe(code);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("x-origin-status")).toBe(String(code));
    expect(res.headers.getSetCookie()).toEqual(["origin_session=abc; Path=/; HttpOnly"]);
    expect(res.headers.get("x-waymark")).toBeNull();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(await originBytes(`/status/${code}`));
  });

  it("passes HTML without a Content-Type through untouched", async () => {
    const res = await getMisbehaving("/no-content-type");
    expect(await res.text()).toBe(text(await originBytes("/no-content-type")));
  });
});

describe("huge pages", () => {
  it("streams a 12 MB page: the banner arrives near the top before the origin sends the rest, the rest is intact", async () => {
    const key = `huge-${crypto.randomUUID()}`;
    const res = await getMisbehaving(`/huge?mb=12&hold=${key}`);
    expect(res.status).toBe(200);
    const expectedSha = res.headers.get("x-body-sha256")!;
    const expectedLength = Number(res.headers.get("x-body-length"));
    const reader = res.body!.getReader();
    // The origin holds everything past ~256 KB until released: the banner must already be here.
    const top = await readUntil(reader, 'class="row"');
    const bannerAt = top.indexOf(BANNER);
    expect(bannerAt).toBeGreaterThan(0);
    expect(bannerAt).toBeLessThan(2_048);
    await fetch(`${MISBEHAVING}/__release/${key}`);

    // Hash the rest as it streams (never holding the page): the edge's insertions removed, what the origin sent.
    const digest = new (crypto as unknown as { DigestStream: typeof DigestStream }).DigestStream("SHA-256");
    const writer = digest.getWriter();
    const head = new TextEncoder().encode(stripWaymark(top));
    let length = head.byteLength;
    await writer.write(head);
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      length += value.byteLength;
      await writer.write(value);
    }
    await writer.close();
    const hex = [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(length).toBe(expectedLength);
    expect(hex).toBe(expectedSha);
    expect(length).toBeGreaterThan(12 * 1024 * 1024);
    // Many chunks: the page was passed on piece by piece, not buffered into one.
    expect(chunks).toBeGreaterThan(20);
  });

  it("streams a gzip-encoded 12 MB page the same way", async () => {
    const res = await getMisbehaving("/huge?mb=12&enc=gzip", { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const top = await readUntil(reader, 'class="row"');
    expect(top.indexOf(BANNER)).toBeGreaterThan(0);
    expect(top.indexOf(BANNER)).toBeLessThan(2_048);
    let length = new TextEncoder().encode(stripWaymark(top)).byteLength;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
    }
    expect(length).toBe(Number(res.headers.get("x-body-length")));
  });
});

describe("redirects", () => {
  const origin = new URL(MISBEHAVING);
  const cases: [string, string, string][] = [
    ["absolute to the origin", `${MISBEHAVING}/basic?x=1#frag`, `${SITE}/basic?x=1#frag`],
    ["relative path", "/basic?from=rel", "/basic?from=rel"],
    ["relative without a slash", "basic", "basic"],
    ["protocol-relative to the origin", `//${origin.host}/basic`, `${SITE}/basic`],
    ["another site", "https://elsewhere.example/x", "https://elsewhere.example/x"],
    ["the origin's host on another port", `http://${origin.hostname}:1/x`, `http://${origin.hostname}:1/x`],
    [
      "a host that only starts like the origin",
      `http://${origin.host}.evil.example/x`,
      `http://${origin.host}.evil.example/x`,
    ],
    ["the public site itself", `${SITE}/already`, `${SITE}/already`],
  ];
  it.each(cases)("%s: Location %s becomes %s", async (_name, location, expected) => {
    for (const status of [301, 302, 307, 308]) {
      const res = await getMisbehaving(`/redirect?status=${status}&to=${encodeURIComponent(location)}`);
      expect(res.status).toBe(status);
      expect(res.headers.get("location")).toBe(expected);
      expect(res.headers.get("x-origin")).toBe("redirect");
    }
  });
});

describe("hostile requests never reach the origin as Waymark's own", () => {
  it("does not proxy /__waymark paths to the origin, even encoded", async () => {
    for (const path of ["/__waymark/nope", "/__waymark"]) {
      const res = await getMisbehaving(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
    }
  });
});
