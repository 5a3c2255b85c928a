import type { AppliedAction, PageManifest } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { isEarlyAction } from "../src/rewrite/is-early-action.ts";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const manifest: PageManifest = { version: 1, applied: [], nudges: [], config: {} };
const MARK = 'data-wm-journey="j" data-wm-stage="s" data-wm-branch="b" data-wm-action="st"';

function styled(selector: string, css: string): AppliedAction {
  return {
    journey: "j",
    stage: "s",
    branch: "b",
    actionId: "st",
    slot: "st",
    action: { type: "style", selector, css },
  };
}

async function run(html: string, actions: AppliedAction[]): Promise<string> {
  // Small chunks: the handler must work however the origin splits the page.
  const bytes = new TextEncoder().encode(html);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.slice(i, i + 5));
      c.close();
    },
  });
  const res = rewritePage(new Response(body, { headers: { "content-type": "text/html" } }), {
    actions,
    manifest,
    nonce: null,
  });
  return res.text();
}

describe("style action in the rewriter", () => {
  it("appends after the element's own declarations, on every match, and marks the element", async () => {
    const out = await run(
      '<p class="x" style="color:red">a</p><p class="x">b</p><p class="x" style="margin:0;">c</p>',
      [styled("p.x", "color: #b00; font-weight: 600")],
    );
    expect(out).toContain(`<p class="x" style="color:red;color: #b00; font-weight: 600" ${MARK}>a</p>`);
    expect(out).toContain(`<p class="x" style="color: #b00; font-weight: 600" ${MARK}>b</p>`);
    expect(out).toContain(`<p class="x" style="margin:0;color: #b00; font-weight: 600" ${MARK}>c</p>`);
  });

  it("quotes in the declarations stay inside the attribute", async () => {
    const out = await run("<h1>t</h1>", [styled("h1", `font-family: "Open Sans", 'x'`)]);
    expect(out).toContain(`<h1 style="font-family: &quot;Open Sans&quot;, 'x'" ${MARK}>t</h1>`);
  });

  it("a style on <body> is done at the <body> start tag (early stop), one further down is not", () => {
    expect(isEarlyAction(styled("body", "margin: 0"))).toBe(true);
    expect(isEarlyAction(styled("#hero", "margin: 0"))).toBe(false);
  });
});

describe("style action through the Worker", () => {
  const JOURNEY = bannerJourney("st-live", "<p>hi</p>", {
    actions: [{ id: "red-title", type: "style", selector: "h1#title", css: "color: #b00; font-weight: 600" }],
  });
  beforeAll(async () => {
    await publishJourneys([JOURNEY]);
  });

  it("the streamed page has the style", async () => {
    const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` });
    expect(res.headers.get("x-waymark")).toBe("personalized");
    expect(await res.text()).toMatch(
      /<h1 id="title" style="color: #b00; font-weight: 600" data-wm-journey="st-live"[^>]*>Hello<\/h1>/,
    );
  });

  it.each([
    ["a rule", "h1 { color: red }"],
    ["an @import", "@import url(https://x.example/a.css)"],
    ["a script URL", "background: url(javascript:alert(1))"],
    ["markup", "</style><script>alert(1)</script>"],
  ])("the API refuses %s with the path ending in css", async (_what, css) => {
    const j = bannerJourney("st-bad", "<p>x</p>", { actions: [{ type: "style", selector: "h1", css }] });
    const res = await api("PUT", `/journeys/${j.id}`, j);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual(["actions", 0, "css"]);
  });
});
