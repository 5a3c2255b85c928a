// XSS: visitor-supplied values reach the page only escaped (text and attribute contexts, property-tested), marketer
// HTML that could run script is refused unless the journey says allowScripts, and strict-CSP pages keep working
// because the injected beacon reuses the page's nonce.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { JourneyInput } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, manifestOf, SITE, viaWorker } from "./support/edge.ts";
import { fuzzRuns, getMisbehaving, untilLiveVersion } from "./support/misbehaving-origin-client.ts";
import { publishJourneys } from "./support/visitor-api.ts";

const ECHO_JOURNEY: JourneyInput = {
  id: "xss-echo",
  name: "Echo the last cart item",
  priority: 100,
  stages: [{ id: "browsing" }, { id: "carting" }],
  start: "browsing",
  transitions: [{ from: "*", to: "carting", on: "add_to_cart" }],
  actions: [
    {
      id: "text",
      type: "insert",
      selector: "body",
      position: "prepend",
      stage: "carting",
      slot: "xss-text",
      html: '<p id="xss-text">{{cart.lastItem.name}}</p><a id="xss-attr" title="{{cart.lastItem.name}}" href="/p?n={{cart.lastItem.name}}">x</a><div id="xss-unquoted" class={{cart.lastItem.name}}>u</div>',
    },
    {
      id: "attr",
      type: "set_attribute",
      selector: "main",
      name: "data-item",
      value: "{{cart.lastItem.name}}",
      stage: "carting",
    },
    { id: "replace", type: "replace", selector: "h1", text: "Still {{cart.lastItem.name}}", stage: "carting" },
  ],
};

beforeAll(async () => {
  await untilLiveVersion(await publishJourneys([ECHO_JOURNEY]));
});

async function pageAfterAddToCart(name: string) {
  const id = freshVisitorId();
  const ev = await viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${id}`, referer: `${SITE}/` },
      body: JSON.stringify({ type: "add_to_cart", data: { name, price: 1 } }),
    }),
  );
  expect(ev.status).toBe(200);
  const res = await getMisbehaving("/basic", { cookie: `wm_vid=${id}` });
  expect(res.status).toBe(200);
  return res.text();
}

/** Decodes the character references a browser would decode in text and attribute values. */
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l.startsWith("#x")) return String.fromCodePoint(parseInt(l.slice(2), 16));
    if (l.startsWith("#")) return String.fromCodePoint(parseInt(l.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[l]!;
  });
}

function expectContained(html: string, name: string) {
  // Text context: exactly the name as text, nothing parsed out of it.
  const text = /<p id="xss-text">([^<]*)<\/p>/.exec(html);
  expect(text, "the text node is intact").not.toBeNull();
  expect(decode(text![1])).toBe(name);
  // Quoted attribute: the value cannot close its quotes.
  const title = /<a id="xss-attr" title="([^"]*)" href="([^"]*)">x<\/a>/.exec(html);
  expect(title, "the attributes are intact").not.toBeNull();
  expect(decode(title![1])).toBe(name);
  // Unquoted attribute (sloppy marketer HTML): whitespace may split it, but no quote, "=" or "<" gets through, so
  // nothing it splits off can carry a value (an event handler needs one).
  const unquoted = /<div id="xss-unquoted" class=([^>]*)>u<\/div>/.exec(html);
  expect(unquoted, "the unquoted attribute is intact").not.toBeNull();
  expect(unquoted![1]).not.toMatch(/[="'<`]/);
  // set_attribute: <main> keeps exactly one data-item attribute holding the name.
  const main = /<main id="main" data-item="([^"]*)"/.exec(html);
  expect(main, "set_attribute stays one attribute").not.toBeNull();
  expect(decode(main![1])).toBe(name);
  // replace text: the text shows as text.
  const h1 = /<h1 id="title"[^>]*>([^<]*)<\/h1>/.exec(html);
  expect(h1, "replaced text is text").not.toBeNull();
  expect(decode(h1![1])).toBe(`Still ${name}`);
  // And the manifest repeats it inside a <script>: never a "<" there.
  const manifest = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html)![1];
  expect(manifest).not.toMatch(/</);
}

describe("visitor values in templates", () => {
  it.each([
    `<img src=x onerror="alert(1)">`,
    `"><script>alert(1)</script>`,
    `' onmouseover='alert(1)`,
    "x onmouseover=alert(1)",
    "</p><svg/onload=alert(1)>",
    "&lt;b&gt; &amp; &#60;",
    "`${alert(1)}`",
    "\u2028\u2029</script><!--",
  ])("escapes %j in text, attribute and unquoted-attribute contexts", async (name) => {
    expectContained(await pageAfterAddToCart(name), name);
  });

  it("escapes any string a visitor can send (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(
            "<",
            ">",
            '"',
            "'",
            "&",
            "=",
            "`",
            " ",
            "/",
            "a",
            "1",
            "é",
            "\u00a0",
            "\n",
            ";",
            "#",
            "x",
          ),
          maxLength: 40,
        }),
        async (name) => {
          // The beacon trims and the engine may drop empty names; only check what reaches the page.
          fc.pre(name.trim().length > 0);
          expectContained(await pageAfterAddToCart(name), name);
        },
      ),
      { numRuns: fuzzRuns(40) },
    );
  });
});

describe("marketer HTML that could run script", () => {
  const journeyWith = (action: Record<string, unknown>, allowScripts?: boolean): JourneyInput =>
    ({
      id: `mk-${crypto.randomUUID().slice(0, 8)}`,
      name: "marketer html",
      stages: [{ id: "on" }],
      start: "on",
      actions: [{ id: "a", ...action }],
      ...(allowScripts === undefined ? {} : { allowScripts }),
    }) as JourneyInput;
  const insert = (html: string) => ({ type: "insert", selector: "body", position: "prepend", html });

  const SCRIPTY: [string, Record<string, unknown>][] = [
    ["a script element", insert("<p>hi</p><script>alert(1)</script>")],
    ["an uppercase script element", insert("<SCRIPT SRC=//evil.example/x.js></SCRIPT>")],
    ["an on* handler", insert('<img src="x" onerror="alert(1)">')],
    ["an on* handler after a slash", insert("<svg/onload=alert(1)>")],
    ["an on* handler right after a quoted value", insert('<img src="x"onerror="alert(1)">')],
    ["an on* handler after a newline", insert("<img src=x\nonerror=alert(1)>")],
    ["a javascript: URL", insert('<a href="javascript:alert(1)">x</a>')],
    ["an entity-encoded javascript: URL", insert('<a href="&#106;avascript:alert(1)">x</a>')],
    ["a javascript: URL split by a tab entity", insert('<a href="java&#x09;script:alert(1)">x</a>')],
    ["a javascript&colon; URL", insert('<a href="javascript&colon;alert(1)">x</a>')],
    ["an iframe srcdoc", insert('<iframe srcdoc="<script>alert(1)</script>"></iframe>')],
    ["a nudge with a handler", { type: "nudge", html: '<button onclick="alert(1)">x</button>' }],
    ["replace html with a script", { type: "replace", selector: "main", html: "<script>alert(1)</script>" }],
    ["a script inside svg", insert("<svg><script>alert(1)</script></svg>")],
    ["a handler hidden behind a quoted >", insert('<img alt=">" onerror=alert(1) src=x>')],
    ["a meta refresh to a script URL", insert('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">')],
    ["a redirect to a script URL", { type: "redirect", url: "javascript:alert(1)" }],
  ];

  it.each(SCRIPTY)("refuses %s unless the journey has allowScripts", async (_name, action) => {
    const unsafe = journeyWith(action);
    const refused = await api("PUT", `/journeys/${unsafe.id}`, unsafe);
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].path.slice(0, 2)).toEqual(["actions", 0]);
    expect(refused.body.issues[0].message).toMatch(/allowScripts/);
    const allowed = journeyWith(action, true);
    const ok = await api("PUT", `/journeys/${allowed.id}`, allowed);
    expect(ok.status).toBeLessThan(300);
    await api("DELETE", `/journeys/${allowed.id}`);
  });

  it("never applies set_attribute handlers or srcdoc without allowScripts (the engine refuses them)", async () => {
    const attrs = (allowScripts: boolean): JourneyInput => ({
      id: allowScripts ? "attr-allowed" : "attr-refused",
      name: "attributes",
      priority: 50,
      stages: [{ id: "on" }],
      start: "on",
      allowScripts,
      actions: [
        {
          id: "click",
          type: "set_attribute",
          selector: "h1",
          name: "onclick",
          value: "alert(1)",
          slot: `c${allowScripts}`,
        },
        {
          id: "doc",
          type: "set_attribute",
          selector: "main",
          name: "srcdoc",
          value: "&lt;script&gt;x&lt;/script&gt;",
          slot: `d${allowScripts}`,
        },
        { id: "safe", type: "set_attribute", selector: "h1", name: "data-x", value: "safe", slot: `x${allowScripts}` },
      ],
    });
    await untilLiveVersion(await publishJourneys([attrs(false)]));
    const refused = await (await getMisbehaving("/basic")).text();
    expect(refused).toMatch(/<h1[^>]*data-x="safe"/);
    expect(refused).not.toMatch(/<h1[^>]*onclick=/);
    expect(refused).not.toMatch(/<main[^>]*srcdoc=/);
    await api("DELETE", "/journeys/attr-refused");
    // The control: the same actions with allowScripts are applied.
    await untilLiveVersion(await publishJourneys([attrs(true)]));
    const allowed = await (await getMisbehaving("/basic")).text();
    expect(allowed).toMatch(/<h1[^>]*onclick="alert\(1\)"/);
    await api("DELETE", "/journeys/attr-allowed");
    await api("POST", "/publish", {});
  });

  it("accepts ordinary marketing HTML (no false alarms on common words)", async () => {
    const j = journeyWith(
      insert(
        '<div class="wm-banner" style="color:red"><a href="/cart?utm=on">Come back online = 10% off</a> <img src="/x.png" alt="onion"></div>',
      ),
    );
    const r = await api("PUT", `/journeys/${j.id}`, j);
    expect(r.status).toBeLessThan(300);
    await api("DELETE", `/journeys/${j.id}`);
  });
});

describe("strict CSP pages", () => {
  it.each([
    ["script-src nonce in the header", "script-src 'self' 'nonce-hdr123'", "", "hdr123"],
    ["script-src-elem wins over script-src", "script-src 'nonce-aaa111'; script-src-elem 'nonce-bbb222'", "", "bbb222"],
    ["default-src nonce when there is no script-src", "default-src 'self' 'nonce-dflt999'", "", "dflt999"],
    [
      "the header's nonce over the page's <script nonce>",
      "script-src 'strict-dynamic' 'nonce-hdr456'",
      "pg789",
      "hdr456",
    ],
    ["the page's <script nonce> without a CSP header", "", "pg789", "pg789"],
  ])("reuses the nonce: %s", async (_name, csp, pageNonce, expected) => {
    const res = await getMisbehaving(`/csp?csp=${encodeURIComponent(csp)}&pageNonce=${pageNonce}`);
    expect(res.headers.get("content-security-policy")).toBe(csp || null);
    const html = await res.text();
    expect(html).toMatch(
      new RegExp(`<script async src="/__waymark/beacon\\.js\\?v=\\w+" nonce="${expected}"></script>`),
    );
  });

  it("adds no nonce when the page has none (and never invents one)", async () => {
    const html = await (await getMisbehaving("/fixture/09-csp-meta-tag.html")).text();
    expect(html).toMatch(/<script async src="\/__waymark\/beacon\.js\?v=\w+"><\/script>/);
  });

  it("escapes a hostile nonce value instead of breaking out of the attribute", async () => {
    const html = await (
      await getMisbehaving(`/csp?csp=&pageNonce=${encodeURIComponent('x" onload="alert(1)')}`)
    ).text();
    expect(html).not.toMatch(/nonce="x" onload=/);
  });
});
