// Issue 12 item 11: a preview token for one journey must show that journey only, and trace that journey only,
// not every other draft (or live) journey.
import { beforeAll, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage, manifestOf } from "./support/edge.ts";
import { decodeTrace, previewToken } from "./support/preview.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const LIVE = "<p id='scope-live'>live</p>";
const MINE = "<p id='scope-mine'>mine</p>";
const OTHER = "<p id='scope-other'>other draft</p>";

beforeAll(async () => {
  await publishJourneys([bannerJourney("scope-live", LIVE, { priority: 10 })]);
  // Two unpublished drafts: the one previewed and another team's.
  for (const j of [
    bannerJourney("scope-mine", MINE, { priority: 5 }),
    bannerJourney("scope-other", OTHER, { priority: 50 }),
    // Another team's draft that redirects every page: inside a preview of scope-mine it must not act at all.
    bannerJourney("scope-redirect", "", {
      priority: 90,
      actions: [{ id: "go", type: "redirect", url: "/html/no-charset?from=other-team", status: 307 }],
    }),
  ]) {
    const put = await api("PUT", `/journeys/${j.id}`, j);
    expect([200, 201]).toContain(put.status);
  }
});

const token = async (journey: string) => (await previewToken(journey)).token;

it("shows only the previewed journey, and traces only it", async () => {
  const res = await getPage("/html/basic", { headers: { "x-waymark-preview": await token("scope-mine") } });
  expect(res.headers.get("x-waymark")).toBe("preview");
  expect(res.status, "another draft's redirect does not act in this preview").toBe(200);
  const html = await res.text();
  expect(html).toContain(MINE);
  expect(html).not.toContain(OTHER);
  expect(html).not.toContain(LIVE);
  expect(manifestOf(html)!.applied.map((a) => (a as unknown as { journey: string }).journey)).toEqual(["scope-mine"]);
  const trace = decodeTrace(res.headers.get("x-waymark-trace")!);
  expect(trace.map((t) => t.journey)).toEqual(["scope-mine"]);
  expect(trace[0]).toMatchObject({ forced: true });
});

it("a normal visitor meanwhile sees the live journey only (drafts stay drafts)", async () => {
  const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` });
  const html = await res.text();
  expect(html).toContain(LIVE);
  expect(html).not.toContain(MINE);
  expect(html).not.toContain(OTHER);
});
