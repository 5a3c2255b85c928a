import type { AppliedAction, PageManifest, PageMatches } from "@waymark/shared";
import { withPageMatches } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { decodeTrace, previewToken as signToken } from "./support/preview.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const MATCHES = /<script type="application\/json" id="__waymark_matches">(.*?)<\/script>/s;

// Honest traces: the edge counts what each action's selector matched while the page streams (previews only).
const JOURNEY = bannerJourney("pm-honest", "<p id='pm'>hi</p>", {
  actions: [
    { id: "three", type: "style", selector: "#top, #title, #main", css: "outline: 1px solid #b00" },
    { id: "none", type: "hide", selector: ".nothing-here" },
  ],
});

beforeAll(async () => {
  await publishJourneys([JOURNEY]);
});

const previewToken = async () => (await signToken(JOURNEY.id, { stage: "on" })).token;

describe("match counts on previewed pages", () => {
  it("a selector matching 3 elements reports 3, one matching nothing reports no_match", async () => {
    const res = await getPage("/html/basic", { headers: { "x-waymark-preview": await previewToken() } });
    expect(res.headers.get("x-waymark")).toBe("preview");
    const html = await res.text();
    const m = MATCHES.exec(html);
    expect(m, html).not.toBeNull();
    // At the very end of the document, after everything the origin sent.
    expect(html.endsWith(m![0])).toBe(true);
    const matches = JSON.parse(m![1]) as PageMatches;
    expect(matches[JOURNEY.id]).toEqual({ three: 3, none: 0 });

    const trace = withPageMatches(decodeTrace(res.headers.get("x-waymark-trace")!), matches);
    const actions = trace.find((t) => t.journey === JOURNEY.id)!.actions;
    expect(actions.find((a) => a.id === "three")).toMatchObject({ status: "applied", page: { matched: 3 } });
    expect(actions.find((a) => a.id === "none")).toMatchObject({ status: "applied", page: "no_match" });
  });

  it("never for an ordinary visitor", async () => {
    const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` });
    expect(res.headers.get("x-waymark")).toBe("personalized");
    const html = await res.text();
    expect(html).toContain('style="outline: 1px solid #b00"');
    expect(html).not.toContain("__waymark_matches");
  });
});

describe("the counts element", () => {
  const manifest: PageManifest = { version: 1, applied: [], nudges: [], config: {} };
  const applied = (journey: string, actionId: string, selector: string): AppliedAction => ({
    journey,
    stage: "s",
    branch: "b",
    actionId,
    slot: actionId,
    action: { type: "hide", selector },
  });

  it("escapes ids for a script context and keeps prototype names as plain keys", async () => {
    const actions = [applied("constructor", "__proto__", "p"), applied("j</script><b>", "a\u2028é", "p, i")];
    const res = rewritePage(new Response("<p>1</p><i>2</i>", { headers: { "content-type": "text/html" } }), {
      actions,
      manifest,
      nonce: null,
      reportMatches: true,
    });
    const html = await res.text();
    const tag = MATCHES.exec(html)![0];
    expect(tag).not.toContain("</script><b>");
    expect(tag).not.toMatch(/[^\x00-\x7f]/);
    const parsed = JSON.parse(MATCHES.exec(html)![1]);
    expect(JSON.stringify(parsed.constructor)).toBe('{"__proto__":1}');
    expect(parsed["j</script><b>"]).toEqual({ "a\u2028é": 2 });
  });

  it("no early stop when counting: the counts come after the whole page", async () => {
    const big = "<html><head></head><body>" + "<p>x</p>".repeat(60_000) + "<p class='late'>y</p></body></html>";
    const res = rewritePage(new Response(big, { headers: { "content-type": "text/html" } }), {
      actions: [applied("j", "late", "p.late"), applied("j", "body", "body")],
      manifest,
      nonce: null,
      reportMatches: true,
    });
    const html = await res.text();
    expect(JSON.parse(MATCHES.exec(html)![1])).toEqual({ j: { late: 1, body: 1 } });
    expect(html.endsWith("</script>")).toBe(true);
  });
});
