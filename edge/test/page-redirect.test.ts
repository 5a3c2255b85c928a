import { beforeAll, expect, it } from "vitest";
import { freshVisitorId, getPage } from "./support/edge.ts";
import { publishJourneys } from "./support/visitor-api.ts";

beforeAll(async () => {
  await publishJourneys([
    {
      id: "go-elsewhere",
      name: "Redirect campaign visitors",
      priority: 70,
      stages: [{ id: "on" }],
      start: "on",
      when: [{ type: "query", param: "campaign", equals: "spring" }],
      actions: [
        { id: "go", type: "redirect", url: "/html/no-charset?from=campaign", status: 307 },
        { id: "banner", type: "insert", selector: "body", position: "prepend", html: "<p id='lost'>x</p>" },
      ],
    },
    {
      id: "loop",
      name: "Redirect to the same page",
      priority: 60,
      stages: [{ id: "on" }],
      start: "on",
      when: [{ type: "query", param: "loop" }],
      actions: [{ id: "self", type: "redirect", url: "/html/basic?loop=1" }],
    },
  ]);
});

it("answers a redirect decision with a same-site 302/307, the cookie set, never cached", async () => {
  const id = freshVisitorId();
  const res = await getPage("/html/basic?campaign=spring", { cookie: `wm_vid=${id}` });
  expect(res.status).toBe(307);
  expect(res.headers.get("location")).toBe("/html/no-charset?from=campaign");
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  expect(res.headers.get("x-waymark")).toBe("personalized");
  expect(res.headers.getSetCookie().some((c) => c.startsWith(`wm_vid=${id};`))).toBe(true);
  expect(await res.text()).toBe("");
});

it("never redirects a page to itself", async () => {
  const res = await getPage("/html/basic?loop=1", { cookie: `wm_vid=${freshVisitorId()}` });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<h1 id="title">Hello</h1>');
});

it("leaves other visitors on the page", async () => {
  const res = await getPage("/html/basic", { cookie: `wm_vid=${freshVisitorId()}` });
  expect(res.status).toBe(200);
  expect(await res.text()).not.toContain("id='lost'");
});
