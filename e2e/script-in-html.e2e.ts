import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import cases from "../edge/test/security-script-in-html.cases.json";
import { launchBrowser } from "./support/browser.ts";

// The marketer-HTML check against the real thing: every row of the case table goes through POST /api/validate, and
// each fragment the API accepts is parsed by Chromium in every way it can reach a page (the streamed document inside
// different elements, innerHTML, a shadow root, insertAdjacentHTML, createContextualFragment, a serialize-and-reparse
// round trip). Nothing may run and the resulting DOM may hold no script element, handler, srcdoc or script URL:
// accept == safe in a real browser. The payloads of issue 12 (accepted by the old scanner) must run in Chromium,
// which shows the harness can see script when there is some.
const base = inject("baseUrl");
const token = inject("adminToken");
const ORIGIN = "http://payload.test";

// Elements a selector could put the fragment in; the page around it is parsed by Chromium as a whole.
const DOCUMENT_CONTEXTS: [string, string][] = [
  ["<div>", "</div>"],
  ["<p>", "</p>"],
  ["<svg>", "</svg>"],
  ["<math>", "</math>"],
  ["<table><tr><td>", "</td></tr></table>"],
  ["<select>", "</select>"],
  ["<noscript>", "</noscript>"],
  ["<template>", "</template>"],
];

const ISSUE_PAYLOADS = [
  "<!--><script>alert(1)</script>",
  "<!---><img src=x onerror=alert(1)>",
  "<!-- x --!><script>alert(1)</script>",
  "<textarea><!--</textarea><img src=x onerror=alert(1)>--></textarea>",
  "<textarea><!--</textarea ><script>alert(1)</script>-->",
  "<title><!--</title><script>alert(1)</script>-->",
  "<noscript><!--</noscript><img src=x onerror=alert(1)>-->",
  "<style><!--</style><img src=x onerror=alert(1)>-->",
  "<svg><![CDATA[<!--]]><img src=x onerror=alert(1)>-->",
  "<math><mtext><style><!--</style><img src=x onerror=alert(1)>-->",
  '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
];

/** Runs in the page: what in this DOM could run script (the harness's own script is marked data-harness). */
function findDanger(): string[] {
  const found: string[] = [];
  const scriptUrl = (v: string) => {
    const s = v.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
    return /(?:javascript|vbscript):/.test(s) || /(?:^|[^a-z0-9+.-])data:(?!image\/)/.test(s);
  };
  const walk = (root: ParentNode) => {
    for (const el of Array.from(root.querySelectorAll("*"))) {
      if (el.hasAttribute("data-harness")) continue;
      if (el.localName === "script") found.push(`<${el.localName}> (${el.namespaceURI})`);
      for (const a of Array.from(el.attributes)) {
        const n = a.name.toLowerCase();
        if (n.startsWith("on") || n === "srcdoc" || scriptUrl(a.value)) found.push(`${el.localName} ${a.name}`);
      }
      if (el instanceof HTMLTemplateElement) walk(el.content);
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el instanceof HTMLIFrameElement) {
        try {
          if (el.contentDocument) walk(el.contentDocument);
        } catch {
          // a cross-origin frame: its src was checked above
        }
      }
    }
  };
  walk(document);
  return found;
}

/** Runs in the page: the fragment put in through each DOM API that parses HTML. */
function insertEveryWay(html: string): void {
  const host = (tag = "div") => document.body.appendChild(document.createElement(tag));
  host().innerHTML = html;
  host().insertAdjacentHTML("beforeend", html);
  const shadow = host().attachShadow({ mode: "open" });
  shadow.innerHTML = html;
  const range = document.createRange();
  range.selectNodeContents(host());
  // Unlike innerHTML, a contextual fragment's scripts run once inserted.
  host().appendChild(range.createContextualFragment(html));
  const round = host();
  round.innerHTML = html;
  round.innerHTML = round.innerHTML;
  const svg = document.body.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "svg"));
  svg.innerHTML = html;
}

let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let dialogs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext();
  // Pages and subresources of the payload origin come from here; nothing leaves the machine.
  await ctx.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/page") {
      return route.fulfill({ contentType: "text/html", body: url.searchParams.get("html") ?? "" });
    }
    return route.fulfill({ status: 404, body: "" });
  });
  page = await ctx.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    // The payload's alert can outlive its page (a navigation closes it first): dismissing it then rejects ("Not
    // attached to an active page"), and vitest counts an unhandled rejection as an error of the whole run.
    d.dismiss().catch(() => undefined);
  });
});
afterAll(async () => {
  await browser?.close();
});

/** What Chromium made of the fragment: dialogs opened and dangerous DOM, per way of parsing it. */
async function inChromium(html: string): Promise<string[]> {
  const problems: string[] = [];
  const settle = () => page.waitForTimeout(60);
  for (const [open, close] of DOCUMENT_CONTEXTS) {
    dialogs = [];
    const doc = `<!doctype html><html><head><title>t</title></head><body>${open}${html}${close}<p id="end">end</p></body></html>`;
    await page.goto(`${ORIGIN}/page?html=${encodeURIComponent(doc)}`, { waitUntil: "load" });
    await settle();
    const danger = await page.evaluate(findDanger);
    for (const d of [...dialogs.map((m) => `dialog ${m}`), ...danger]) problems.push(`document in ${open}: ${d}`);
  }
  dialogs = [];
  await page.goto(`${ORIGIN}/page?html=${encodeURIComponent("<!doctype html><body></body>")}`);
  await page.evaluate(insertEveryWay, html);
  await settle();
  const danger = await page.evaluate(findDanger);
  for (const d of [...dialogs.map((m) => `dialog ${m}`), ...danger]) problems.push(`DOM APIs: ${d}`);
  return problems;
}

async function validate(html: string) {
  const res = await fetch(`${base}/__waymark/api/validate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: "script-check",
      name: "Script check",
      stages: [{ id: "s" }],
      start: "s",
      actions: [{ type: "insert", selector: "body", position: "prepend", html }],
    }),
  });
  return { status: res.status, body: (await res.json()) as { issues?: { path: (string | number)[] }[] } };
}

describe("marketer HTML: what POST /api/validate accepts runs nothing in Chromium", () => {
  it.each(cases)("$html", async ({ html, unsafe }) => {
    const { status, body } = await validate(html);
    expect(status).toBe(unsafe ? 400 : 200);
    if (unsafe) {
      expect(body.issues?.map((i) => i.path)).toContainEqual(["actions", 0, "html"]);
      return;
    }
    expect(await inChromium(html)).toEqual([]);
  });

  it.each(ISSUE_PAYLOADS)("issue 12 payload runs in Chromium and is refused: %s", async (html) => {
    expect(cases.find((c) => c.html === html)?.unsafe).toBe(true);
    expect(await inChromium(html)).not.toEqual([]);
    expect((await validate(html)).status).toBe(400);
  });
});
