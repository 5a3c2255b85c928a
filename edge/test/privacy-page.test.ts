// Issue 13: visitors have a page to opt out. GET /__waymark/opt-out was a 404 JSON; now a small page that works
// without JavaScript (forms), says what is stored, and speaks the visitor's language where Accept-Language allows.
import { describe, expect, it } from "vitest";
import { pickLanguage } from "../src/privacy/privacy-copy.ts";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { meOf, postEventsAs } from "./support/identity.ts";

const page = (headers: Record<string, string> = {}, query = "") =>
  viaWorker(new Request(`${SITE}/__waymark/opt-out${query}`, { headers }));

/** The page's form, as a browser submits it from the page itself. */
const submit = (
  choice: string,
  cookie: string,
  headers: Record<string, string> = { "sec-fetch-site": "same-origin" },
) =>
  viaWorker(
    new Request(`${SITE}/__waymark/privacy`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
      body: `do=${choice}`,
    }),
  );

describe("pickLanguage (Accept-Language, a simple choice)", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["de-CH,de;q=0.9,en;q=0.8", "de"],
    ["fr", "fr"],
    ["ja,es;q=0.5", "es"],
    ["en;q=0.5,fr;q=0.8", "fr"],
    ["de;q=0,fr;q=0.1", "fr"],
    ["it,pt", "en"],
    ["ES-mx", "es"],
    ["*", "en"],
  ])("%j -> %s", (header, lang) => {
    expect(pickLanguage(header)).toBe(lang);
  });
});

describe("GET /__waymark/opt-out", () => {
  it("serves an accessible HTML page with the three choices as forms (no script), never cached", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "add_to_cart", id: "e1", data: { id: "mug", name: "Mug", price: 12 } }]);
    const res = await page({ cookie: `wm_vid=${vid}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'.*form-action 'self'/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<p data-status="stored">');
    expect(html).toMatch(/1 recent event and your progress in \d+ journey/);
    for (const choice of ["opt-out", "erase"])
      expect(html).toContain(
        `<form method="post" action="/__waymark/privacy"><input type="hidden" name="do" value="${choice}">`,
      );
    expect(html).not.toContain('value="opt-in"');
    // Every button is described by its hint (screen readers read what it will do).
    expect(html).toContain('<button type="submit" aria-describedby="hint-opt-out">Opt out</button>');
  });

  it("speaks German to a German browser, and says when nothing is stored", async () => {
    const res = await page({ "accept-language": "de-DE,de;q=0.9,en;q=0.5" });
    expect(res.headers.get("content-language")).toBe("de");
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Über diesen Browser ist noch nichts gespeichert.");
    expect(html).toContain(">Widersprechen</button>");
  });

  it("says that nothing is stored under GPC, and offers opt-out only", async () => {
    const html = await (await page({ "sec-gpc": "1", cookie: `wm_vid=${freshVisitorId()}` })).text();
    expect(html).toContain('<p data-status="anonymous">');
    expect(html).toContain('value="opt-out"');
    expect(html).not.toContain('value="erase"');
  });

  it("ignores an unknown ?done= value instead of rendering it", async () => {
    const html = await (await page({}, "?done=%3Cscript%3Ealert(1)%3C/script%3E")).text();
    expect(html).not.toContain('role="status"');
    expect(html).not.toContain("alert(1)");
  });
});

describe("POST /__waymark/privacy (the page's forms)", () => {
  it("opt out: erases, sets wm_optout, 303 back to the page, which then offers opt-in", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "page_view", id: "p1" }]);
    const res = await submit("opt-out", `wm_vid=${vid}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/__waymark/opt-out?done=opt-out");
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/wm_optout=1/);
    expect(cookies).toMatch(/wm_vid=;/);
    expect((await meOf(vid)).stored).toBe(false);

    const after = await (await page({ cookie: "wm_optout=1" }, "?done=opt-out")).text();
    expect(after).toContain('<p class="done" role="status">Done: you have opted out');
    expect(after).toContain('<p data-status="optout">');
    expect(after).toContain('value="opt-in"');
  });

  it("opt in: clears the opt-out cookie", async () => {
    const res = await submit("opt-in", "wm_optout=1");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/__waymark/opt-out?done=opt-in");
    expect(res.headers.getSetCookie().join("\n")).toMatch(/wm_optout=;/);
  });

  it("erase: erases what is stored and forgets the id, without opting out", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "page_view", id: "p1" }]);
    expect((await meOf(vid)).stored).toBe(true);
    const res = await submit("erase", `wm_vid=${vid}`);
    expect(res.status).toBe(303);
    expect((await meOf(vid)).stored).toBe(false);
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/wm_vid=;/);
    expect(cookies).not.toMatch(/wm_optout=1/);
  });

  it.each([
    ["another site's form (Sec-Fetch-Site: cross-site)", { "sec-fetch-site": "cross-site" }],
    ["another origin", { origin: "https://evil.example" }],
    ["no Origin and no Sec-Fetch-Site", {}],
  ])("refuses %s with 403 and erases nothing", async (_name, headers) => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "page_view", id: "p1" }]);
    const res = await submit("erase", `wm_vid=${vid}`, headers);
    expect(res.status).toBe(403);
    expect((await meOf(vid)).stored).toBe(true);
  });

  it("accepts the same origin by Origin when Sec-Fetch-Site is absent", async () => {
    const res = await submit("opt-in", "wm_optout=1", { origin: SITE });
    expect(res.status).toBe(303);
  });

  it.each([
    ["an unknown choice", "do=sell", "application/x-www-form-urlencoded", 400],
    ["JSON instead of a form", '{"do":"erase"}', "application/json", 400],
    ["a huge form", `do=erase&x=${"a".repeat(2_000)}`, "application/x-www-form-urlencoded", 413],
  ])("answers %s with %i, never 500", async (_name, body, type, status) => {
    const res = await viaWorker(
      new Request(`${SITE}/__waymark/privacy`, {
        method: "POST",
        headers: { "content-type": type, "sec-fetch-site": "same-origin" },
        body,
      }),
    );
    expect(res.status).toBe(status);
  });
});
