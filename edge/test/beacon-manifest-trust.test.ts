// The beacon trusts only the manifest the edge placed: the element written immediately before the beacon's own
// <script> tag, in the same chunk of HTML (issue 12 item 13). Origin content cannot put anything between the two,
// whatever it forges before them, wherever the tags go (end of <head>, start of <body>, end of a document without
// either). Browser side: e2e/security-beacon.e2e.ts.
import type { AppliedAction, PageManifest } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";

const FORGED =
  '<script type="application/json" id="__waymark">{"version":1,"config":{},"applied":[],"nudges":[]}</script>' +
  '<div id="__waymark">{}</div>';

function applied(action: AppliedAction["action"]): AppliedAction {
  return { journey: "j", stage: "s", branch: "b", actionId: "a0", slot: "a0", action };
}

async function run(html: string, actions: AppliedAction[] = []): Promise<string> {
  const manifest: PageManifest = { version: 7, applied: actions, nudges: [], config: {} };
  const res = rewritePage(new Response(html, { headers: { "content-type": "text/html" } }), {
    actions,
    manifest,
    nonce: null,
  });
  return res.text();
}

const PAIR =
  /<script type="application\/json" id="__waymark">(\{"version":7,.*?)<\/script><script async src="\/__waymark\/beacon\.js\?v=\w+"[^>]*><\/script>/gs;

describe("the manifest the beacon reads is the one right before its script tag", () => {
  it.each([
    ["head and body", `<!doctype html><html><head><title>t</title></head><body>${FORGED}<p>x</p></body></html>`],
    ["body only", `<body>${FORGED}<p>x</p></body>`],
    ["neither (tags at the end of the document)", `${FORGED}<p>x</p>`],
    ["neither, ending inside an unclosed element", `${FORGED}<div><p>x`],
  ])("%s: one real manifest, immediately followed by the beacon tag", async (_name, page) => {
    const out = await run(page);
    const pairs = [...out.matchAll(PAIR)];
    expect(pairs).toHaveLength(1);
    expect(JSON.parse(pairs[0][1]).version).toBe(7);
    // The forgery is still in the page (it is the origin's content), but it is not what the beacon will read.
    expect(out).toContain(FORGED);
  });
});

describe("set_attribute values are HTML", () => {
  it('the edge writes them as attribute markup, quotes escaped: the browser reads Tom & "Jerry"', async () => {
    // The engine renders a template's values escaped; the beacon's restore must read the value the same way.
    const out = await run("<body><h1 id=t>x</h1></body>", [
      applied({ type: "set_attribute", selector: "#t", name: "title", value: "Tom &amp; &quot;Jerry&quot;" }),
    ]);
    expect(out).toContain('title="Tom &amp; &quot;Jerry&quot;"');
    const literal = await run("<body><h1 id=t>x</h1></body>", [
      applied({ type: "set_attribute", selector: "#t", name: "title", value: 'say "hi"' }),
    ]);
    expect(literal).toContain('title="say &quot;hi&quot;"');
  });
});
