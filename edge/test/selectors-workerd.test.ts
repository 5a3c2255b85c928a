import { describe, expect, it } from "vitest";
import { checkSelector } from "@waymark/shared/selectors/check-selector.ts";
import table from "../../shared/test/cases/selectors.json";
import { api, makeJourney } from "./support/admin-api.ts";

/** Every element of interest has an id, so a row can list what a browser matches (cssMatches). */
const PAGE =
  '<!doctype html><html><head><title>t</title></head><body><div id="d"><a id="a1">x</a></div><a id="a2">y</a>' +
  '<p id="p" class="b"><a id="a3">z</a></p><ul id="u"><li id="l1">1</li><li id="l2" class="x">2</li>' +
  '<li id="l3">3</li></ul></body></html>';

/** The ground truth: the ids the real HTMLRewriter of workerd matches on PAGE, or null when it refuses the selector. */
async function rewriterMatches(selector: string): Promise<string[] | null> {
  const ids: string[] = [];
  let rewriter: HTMLRewriter;
  try {
    rewriter = new HTMLRewriter().on(selector, {
      element(el) {
        const id = el.getAttribute("id");
        if (id) ids.push(id);
      },
    });
  } catch {
    return null;
  }
  await rewriter.transform(new Response(PAGE, { headers: { "content-type": "text/html" } })).text();
  return ids;
}

interface Row {
  name: string;
  input: string;
  expected: { ok: boolean; rewriter?: { accepts: true; cssMatches: string[] } };
}
const cases = table as Row[];

// shared/test/check-selector.test.ts runs the same table in Node against the pure checker.
describe("the selector checker agrees with workerd's HTMLRewriter", () => {
  it.each(cases.filter((c) => !c.expected.rewriter))("$name: $input", async ({ input, expected }) => {
    expect((await rewriterMatches(input)) !== null).toBe(expected.ok);
    expect(checkSelector(input).ok).toBe(expected.ok);
  });

  // The only disagreements, on purpose: lol-html takes these but matches other elements than a browser would (and
  // than the beacon's querySelectorAll when it re-applies an action), so the checker refuses them.
  it.each(cases.filter((c) => c.expected.rewriter))(
    "$name: $input is accepted by the rewriter but matched unlike CSS, so refused",
    async ({ input, expected }) => {
      const matched = await rewriterMatches(input);
      expect(matched).not.toBeNull();
      expect(matched!.sort()).not.toEqual([...expected.rewriter!.cssMatches].sort());
      expect(checkSelector(input).ok).toBe(false);
    },
  );

  it("the probe page itself: rows with cssMatches are matched as a browser would for a simple selector", async () => {
    expect((await rewriterMatches("a:not(.x)"))!.sort()).toEqual(["a1", "a2", "a3"]);
    expect((await rewriterMatches("li:not(.x, :first-child)"))!.sort()).toEqual(["l3"]);
  });
});

describe("the API refuses selectors the edge cannot run", () => {
  it.each(["div[", "h1 + p", "a:hover"])("PUT with %s: 400, issue path ending in selector", async (selector) => {
    const journey = makeJourney(`sel-${Math.random().toString(36).slice(2, 8)}`, {
      actions: [{ type: "hide", selector }],
    });
    const res = await api("PUT", `/journeys/${journey.id}`, journey);
    expect(res.status).toBe(400);
    const issue = (res.body.issues as { path: (string | number)[]; message: string }[]).find(
      (i) => i.path[i.path.length - 1] === "selector",
    );
    expect(issue, JSON.stringify(res.body)).toBeDefined();
    expect(issue!.path.slice(0, 2)).toEqual(["actions", 0]);
  });
});
