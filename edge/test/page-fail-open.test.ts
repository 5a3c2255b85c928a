import { beforeAll, expect, it } from "vitest";
import { freshVisitorId, getPage, originText } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const BANNER = '<div id="wm-failopen-banner">personal</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("failopen-banner", BANNER)]);
});

/** A VISITOR namespace whose objects misbehave in a given way (the rest of env is real). */
function brokenVisitors(onPage: () => Promise<unknown>): Partial<Env> {
  return { VISITOR: { getByName: () => ({ onPage }) } as unknown as Env["VISITOR"] };
}

it("personalizes normally (the control for the cases below)", async () => {
  const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` });
  expect(res.headers.get("x-waymark")).toBe("personalized");
  expect(await res.text()).toContain(BANNER);
});

it("serves the page unpersonalized when the visitor's object hangs past the budget", async () => {
  const started = Date.now();
  const res = await getPage("/html/basic", {
    cookie: `wm_vid=${freshVisitorId()}`,
    env: { ...brokenVisitors(() => new Promise(() => {})), DECISION_BUDGET_MS: "30" },
  });
  const html = await res.text();
  expect(Date.now() - started).toBeLessThan(1_500);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-waymark")).toBe("timeout");
  expect(res.headers.get("server-timing")).toMatch(/^waymark;dur=\d+;desc="timeout"$/);
  expect(html).not.toContain(BANNER);
  expect(html).toContain('<h1 id="title">Hello</h1>');
  // The beacon still loads (events keep flowing), with an empty manifest.
  expect(html).toContain('"applied":[]');
});

it("serves the page unpersonalized when the visitor's object throws", async () => {
  const res = await getPage("/html/basic", {
    cookie: `wm_vid=${freshVisitorId()}`,
    env: brokenVisitors(() => Promise.reject(new Error("overloaded"))),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-waymark")).toBe("error");
  expect(res.headers.get("server-timing")).toMatch(/desc="error"/);
  const html = await res.text();
  expect(html).not.toContain(BANNER);
  expect(html).toContain('<h1 id="title">Hello</h1>');
});

it("keeps a 1 ms budget: a real object that cannot answer that fast never delays the page", async () => {
  const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}`, env: { DECISION_BUDGET_MS: "1" } });
  expect(res.status).toBe(200);
  expect(["timeout", "personalized"]).toContain(res.headers.get("x-waymark"));
  expect(await res.text()).toContain('<h1 id="title">Hello</h1>');
});

it("passes the page through when personalization is switched off", async () => {
  const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}`, env: { PERSONALIZATION: "off" } });
  expect(res.headers.get("x-waymark")).toBeNull();
  expect(await res.text()).toBe(await originText("/html/basic"));
});

it("skips a broken action but applies the others", async () => {
  const res = await getPage("/html/basic", {
    cookie: `wm_vid=${freshVisitorId()}`,
    env: brokenVisitors(async () => ({
      version: 1,
      redirect: null,
      actions: [
        {
          journey: "j",
          stage: "s",
          branch: "b",
          actionId: "bad",
          slot: "x",
          action: { type: "insert", selector: "p:::nonsense((", position: "append", html: "<b>bad</b>" },
        },
        {
          journey: "j",
          stage: "s",
          branch: "b",
          actionId: "good",
          slot: "y",
          action: { type: "set_attribute", selector: "h1#title", name: "data-x", value: "1" },
        },
      ],
    })),
  });
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('<h1 id="title" data-x="1" data-wm-journey="j"');
  expect(html).not.toContain("<b>bad</b>");
});
