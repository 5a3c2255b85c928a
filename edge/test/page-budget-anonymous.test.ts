// Issue 12 item 5 (budget half): the anonymous and Sec-GPC paths decide in the Worker (no visitor object), and must
// fail open like the visitor's RPC does: a decision that throws or stalls serves the page unpersonalized, within
// the budget. (A CPU-bound synchronous decide cannot be interrupted by a timer in the same isolate; linear glob
// matching in the engine is what bounds that.)
import { beforeAll, expect, it, vi } from "vitest";
import { getPage } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const fault = vi.hoisted(() => ({ decide: "none" as "none" | "throw", rules: "none" as "none" | "stall" }));

vi.mock(import("@waymark/shared"), async (original) => {
  const mod = await original();
  return {
    ...mod,
    pageView: ((...args: Parameters<typeof mod.pageView>) => {
      if (fault.decide === "throw") throw new Error("engine bug");
      return mod.pageView(...args);
    }) as typeof mod.pageView,
  };
});

vi.mock(import("../src/rules/published-ruleset.ts"), async (original) => {
  const mod = await original();
  return {
    ...mod,
    getPublishedRuleset: ((...args: Parameters<typeof mod.getPublishedRuleset>) =>
      fault.rules === "stall"
        ? new Promise(() => {})
        : mod.getPublishedRuleset(...args)) as typeof mod.getPublishedRuleset,
  };
});

const BANNER = '<div id="wm-anon-budget">hi</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("anon-budget", BANNER)]);
});

const anonymous = { "sec-gpc": "1" };

it("personalizes a Sec-GPC page in the Worker (the control)", async () => {
  fault.decide = "none";
  fault.rules = "none";
  const res = await getPage("/html/basic", { headers: anonymous });
  expect(res.headers.get("x-waymark")).toBe("personalized");
  expect(await res.text()).toContain(BANNER);
});

it("serves the Sec-GPC page unpersonalized when deciding throws", async () => {
  fault.decide = "throw";
  try {
    const res = await getPage("/html/basic", { headers: anonymous });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("error");
    expect(res.headers.get("server-timing")).toMatch(/desc="error"/);
    const html = await res.text();
    expect(html).not.toContain(BANNER);
    expect(html).toContain('<h1 id="title">Hello</h1>');
  } finally {
    fault.decide = "none";
  }
});

it("serves the page unpersonalized when consent is required and deciding throws", async () => {
  fault.decide = "throw";
  try {
    const res = await getPage("/html/basic", { env: { CONSENT_MODE: "required" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("error");
    expect(await res.text()).toContain('<h1 id="title">Hello</h1>');
  } finally {
    fault.decide = "none";
  }
});

it("serves the Sec-GPC page unpersonalized within the budget when the decision stalls", async () => {
  fault.rules = "stall";
  try {
    const started = Date.now();
    const res = await getPage("/html/basic", { headers: anonymous, env: { DECISION_BUDGET_MS: "30" } });
    expect(res.headers.get("x-waymark")).toBe("timeout");
    expect(await res.text()).toContain('<h1 id="title">Hello</h1>');
    expect(Date.now() - started).toBeLessThan(1_500);
  } finally {
    fault.rules = "none";
  }
});
