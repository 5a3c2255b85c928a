import type { AppliedAction, PageManifest } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";
import { cspNonce } from "../src/rewrite/csp-nonce.ts";

const PAGE =
  '<!doctype html><html><head><title>t</title></head><body><h1 id="t" style="color:red">Title</h1>' +
  '<ul><li class="i">one</li><li class="i">two</li></ul><p id="p">para</p></body></html>';

const manifest: PageManifest = { version: 3, applied: [], nudges: [], config: {} };

function applied(action: AppliedAction["action"], id = "a0"): AppliedAction {
  return { journey: "j", stage: "s", branch: "b", actionId: id, slot: id, action };
}

async function run(actions: AppliedAction[], html = PAGE, nonce: string | null = null): Promise<string> {
  // Small chunks: handlers must work however the origin splits the page.
  const bytes = new TextEncoder().encode(html);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
      c.close();
    },
  });
  const res = rewritePage(new Response(body, { headers: { "content-type": "text/html" } }), {
    actions,
    manifest: { ...manifest, applied: actions },
    nonce,
  });
  const out = await res.text();
  // The injected tags are covered elsewhere; here only the page changes matter.
  return out.replace(/<script type="application\/json" id="__waymark">.*?<\/script><script async[^>]*><\/script>/s, "");
}

const SLOT =
  '<waymark-slot data-wm-journey="j" data-wm-stage="s" data-wm-branch="b" data-wm-action="a0" style="display:contents">';
const MARK = 'data-wm-journey="j" data-wm-stage="s" data-wm-branch="b" data-wm-action="a0"';

describe("one handler per action type", () => {
  it.each([
    ["before", `${SLOT}<i>x</i></waymark-slot><h1 id="t"`],
    ["after", `Title</h1>${SLOT}<i>x</i></waymark-slot><ul>`],
    ["prepend", `<h1 id="t" style="color:red">${SLOT}<i>x</i></waymark-slot>Title</h1>`],
    ["append", `<h1 id="t" style="color:red">Title${SLOT}<i>x</i></waymark-slot></h1>`],
  ] as const)("insert %s, wrapped in a waymark-slot", async (position, expected) => {
    const out = await run([applied({ type: "insert", selector: "#t", position, html: "<i>x</i>" })]);
    expect(out).toContain(expected);
  });

  it("insert applies at the first match only", async () => {
    const out = await run([applied({ type: "insert", selector: "li.i", position: "append", html: "<i>x</i>" })]);
    expect(out.match(/<waymark-slot/g)?.length).toBe(1);
    expect(out).toContain(`one${SLOT}<i>x</i></waymark-slot></li><li class="i">two</li>`);
  });

  it("replace html, and replace text (already escaped by the engine, inserted as is)", async () => {
    const html = await run([applied({ type: "replace", selector: "#p", html: "<em>new</em>" })]);
    expect(html).toContain(`<p id="p" ${MARK}><em>new</em></p>`);
    const text = await run([applied({ type: "replace", selector: "#p", text: "a &lt;b&gt; c" })]);
    expect(text).toContain(`<p id="p" ${MARK}>a &lt;b&gt; c</p>`);
  });

  it("set_attribute", async () => {
    const out = await run([applied({ type: "set_attribute", selector: "#t", name: "title", value: "hi &amp; bye" })]);
    // The value is HTML (the engine escaped visitor values): kept as is, never escaped twice.
    expect(out).toContain('<h1 id="t" style="color:red" title="hi &amp; bye" data-wm-journey="j"');
    // A raw quote in marketer text cannot break out of the attribute.
    const quoted = await run([
      applied({ type: "set_attribute", selector: "#t", name: "title", value: 'a" onclick="x' }),
    ]);
    expect(quoted).not.toContain('onclick="x"');
  });

  it("remove", async () => {
    const out = await run([applied({ type: "remove", selector: "ul" })]);
    expect(out).not.toContain("<ul>");
    expect(out).toContain('</h1><p id="p">');
  });

  it("hide keeps the element and its style, adding display:none", async () => {
    const out = await run([applied({ type: "hide", selector: "#t" })]);
    expect(out).toContain(`<h1 id="t" style="color:red;display:none!important" ${MARK}>Title</h1>`);
  });

  it("leaves the page alone for an unsupported selector, and nudges/redirects are not HTML changes", async () => {
    const out = await run([
      applied({ type: "insert", selector: "li:has(>p)!!", position: "append", html: "<i>x</i>" }, "bad"),
      applied({ type: "nudge", html: "<p>n</p>", placement: "bottom-right" }, "n"),
      applied({ type: "redirect", url: "/x", status: 302 }, "r"),
    ]);
    expect(out).toBe(PAGE);
  });
});

describe("injected tags", () => {
  it("escapes the manifest for a script context", async () => {
    const res = rewritePage(new Response(PAGE), {
      actions: [],
      manifest: {
        ...manifest,
        applied: [applied({ type: "insert", selector: "#t", position: "after", html: "</script><b>" })],
      },
      nonce: null,
    });
    const out = await res.text();
    const json = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(out)![1];
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).applied[0].action.html).toBe("</script><b>");
  });

  it("reads the nonce a CSP header allows", () => {
    expect(cspNonce("script-src 'self' 'nonce-abc123=='; style-src 'self'")).toBe("abc123==");
    expect(cspNonce("default-src 'nonce-xyz'")).toBe("xyz");
    expect(cspNonce("default-src 'self'")).toBeNull();
    expect(cspNonce(null)).toBeNull();
  });
});
