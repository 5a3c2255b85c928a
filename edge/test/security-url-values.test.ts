// Visitor values in URLs (issue 12 item 2), through the real page path: a banner whose href/src are templates, a
// cart item name the visitor sent in their own events, traits a backend recorded. Escaping cannot stop
// "javascript:"; the engine checks each URL attribute as rendered and drops what is not http(s), mailto, tel or
// relative, in every action kind (insert, replace html, set_attribute, nudges in the manifest).
import { beforeAll, describe, expect, it } from "vitest";
import type { JourneyInput } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, manifestOf, SITE, viaWorker } from "./support/edge.ts";
import { getMisbehaving, untilLiveVersion } from "./support/misbehaving-origin-client.ts";
import { publishJourneys } from "./support/visitor-api.ts";

const JOURNEY: JourneyInput = {
  id: "url-values",
  name: "Visitor values in URLs",
  priority: 100,
  stages: [{ id: "browsing" }, { id: "carting" }],
  start: "browsing",
  transitions: [{ from: "*", to: "carting", on: "add_to_cart" }],
  actions: [
    {
      id: "banner",
      type: "insert",
      selector: "body",
      position: "prepend",
      stage: "carting",
      html:
        '<div id="wm-banner"><a id="item" href="{{cart.lastItem.name}}">{{cart.lastItem.name}}</a>' +
        '<a id="account" href="{{traits.accountUrl | "/account"}}">Account</a>' +
        '<a id="safe" href="/cart?item={{cart.lastItem.name}}">Cart</a>' +
        '<img id="img" src="{{cart.lastItem.category}}" alt=""></div>',
    },
    {
      id: "replace",
      type: "replace",
      selector: "h1",
      html: '<a id="r" href="java{{traits.rest}}">x</a>',
      stage: "carting",
    },
    { id: "attr", type: "set_attribute", selector: "main", name: "href", value: "{{cart.lastItem.name}}" },
    {
      id: "nudge",
      type: "nudge",
      stage: "carting",
      html: '<a id="n" href="{{cart.lastItem.name | "/help"}}">Help</a>',
    },
  ],
};

beforeAll(async () => {
  await untilLiveVersion(await publishJourneys([JOURNEY]));
});

async function pageFor(item: { name: string; category?: string }, traits: Record<string, string>) {
  const id = freshVisitorId();
  const ev = await viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${id}`, referer: `${SITE}/` },
      body: JSON.stringify({ type: "add_to_cart", data: { id: "x", price: 1, ...item } }),
    }),
  );
  expect(ev.status).toBe(200);
  const t = await api("POST", `/visitors/${id}/traits`, traits);
  expect(t.status).toBe(200);
  const res = await getMisbehaving("/basic", { cookie: `wm_vid=${id}` });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('id="wm-banner"');
  return html;
}

const attr = (html: string, id: string, name: string) =>
  new RegExp(`id="${id}"[^>]*?\\s${name}="([^"]*)"|\\s${name}="([^"]*)"[^>]*?id="${id}"`)
    .exec(html)
    ?.slice(1)
    .find((v) => v !== undefined);

describe("visitor values in URL attributes of the page", () => {
  it.each([
    "javascript:alert(document.cookie)",
    "  JaVa\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("%j never becomes an href, src or nudge link; the text still shows it", async (value) => {
    const html = await pageFor({ name: value, category: value }, { accountUrl: value, rest: "script:alert(1)" });
    expect(attr(html, "item", "href")).toBe("");
    expect(attr(html, "account", "href")).toBe("/account");
    expect(attr(html, "img", "src")).toBe("");
    expect(attr(html, "r", "href"), "the marketer's java + a visitor's script:").toBe("java");
    // A value after a safe prefix is a path or a query: kept, escaped.
    expect(attr(html, "safe", "href")).toMatch(/^\/cart\?item=/);
    // set_attribute href: not applied at all (the element keeps what the page gave it).
    expect(html).toMatch(/<main id="main"[^>]*>/);
    expect(/<main id="main"[^>]*>/.exec(html)![0]).not.toContain("href");
    // Nowhere in the page an href or src that starts with a scheme (this page has no http(s) link of its own).
    expect(html).not.toMatch(/\s(?:href|src)="[\u0000-\u0020]*[a-z][a-z\u0000-\u0020]*:/i);
    const manifest = manifestOf(html)!;
    const nudge = (manifest.nudges as { action: { html: string } }[])[0].action.html;
    expect(nudge).toBe('<a id="n" href="/help">Help</a>');
  });

  it("ordinary values are kept", async () => {
    const html = await pageFor(
      { name: "Summit Daypack", category: "/img/pack.png" },
      { accountUrl: "https://shop.example/account/42", rest: "" },
    );
    expect(attr(html, "item", "href")).toBe("Summit Daypack");
    expect(attr(html, "account", "href")).toBe("https://shop.example/account/42");
    expect(attr(html, "img", "src")).toBe("/img/pack.png");
    expect(/<main id="main"[^>]*>/.exec(html)![0]).toContain('href="Summit Daypack"');
  });
});
