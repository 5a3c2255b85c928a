import { compileRuleset, assignBranch } from "@waymark/shared";
import { beforeAll, expect, it } from "vitest";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { api } from "./support/admin-api.ts";
import { publishJourneys } from "./support/visitor-api.ts";
import type { JourneyInput } from "@waymark/shared";

const JOURNEY: JourneyInput = {
  id: "split-test",
  name: "Split test",
  priority: 50,
  stages: [{ id: "on" }],
  start: "on",
  branches: [
    { id: "red", weight: 1 },
    { id: "blue", weight: 1 },
  ],
  holdout: 0.3,
  actions: [
    { id: "r", branch: "red", type: "insert", selector: "body", position: "prepend", html: "<b id='variant'>red</b>" },
    {
      id: "b",
      branch: "blue",
      type: "insert",
      selector: "body",
      position: "prepend",
      html: "<b id='variant'>blue</b>",
    },
  ],
};

beforeAll(async () => {
  await publishJourneys([JOURNEY]);
});

const variantOf = (html: string) => /<b id='variant'>(\w+)<\/b>/.exec(html)?.[1] ?? "holdout";

it("assigns branches and the holdout by the visitor's sticky hash, the same on every page", async () => {
  const compiled = compileRuleset({ version: 1, journeys: [JOURNEY] }).byId.get("split-test")!;
  const seen: Record<string, number> = { red: 0, blue: 0, holdout: 0 };
  for (let i = 0; i < 24; i++) {
    const id = freshVisitorId();
    const first = variantOf(await (await getPage("/html/basic", { cookie: `wm_vid=${id}` })).text());
    const second = variantOf(await (await getPage("/html/no-charset", { cookie: `wm_vid=${id}` })).text());
    expect(second).toBe(first);
    const expected = assignBranch(id, compiled);
    expect(first).toBe(expected.holdout ? "holdout" : expected.branch);
    seen[first]++;
  }
  // 24 visitors at 35/35/30 %: each group shows up (a constant answer would fail).
  expect(seen.red).toBeGreaterThan(0);
  expect(seen.blue).toBeGreaterThan(0);
  expect(seen.holdout).toBeGreaterThan(0);
});

it("records the holdout visitor in the journey as control, with no branch", async () => {
  let id = freshVisitorId();
  const compiled = compileRuleset({ version: 1, journeys: [JOURNEY] }).byId.get("split-test")!;
  while (!assignBranch(id, compiled).holdout) id = freshVisitorId();
  await (await getPage("/html/basic", { cookie: `wm_vid=${id}` })).text();
  const view = await api("GET", `/visitors/${id}`);
  expect(view.body.journeys["split-test"]).toMatchObject({ holdout: true, branch: null });
});
