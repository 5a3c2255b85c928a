import { expect, it } from "vitest";
import { freshVisitorId, getPage, SITE, setVisitorId, viaWorker, BROWSER } from "./support/edge.ts";

const ID_RE = /^[A-Za-z0-9_-]{22,32}$/;

it("gives a new visitor a random id in an HttpOnly, SameSite=Lax, Secure cookie for the retention period", async () => {
  const res = await getPage("/html/basic");
  await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("wm_vid="))!;
  expect(setVisitorId(res)).toMatch(ID_RE);
  expect(cookie).toContain("HttpOnly");
  expect(cookie).toContain("SameSite=Lax");
  expect(cookie).toContain("Secure");
  expect(cookie).toContain("Path=/");
  expect(cookie).toContain(`Max-Age=${30 * 86_400}`);
});

it("gives two new visitors different ids", async () => {
  const a = setVisitorId(await getPage("/html/basic"));
  const b = setVisitorId(await getPage("/html/basic"));
  expect(a).not.toBe(b);
});

it("keeps a valid id (refreshing its lifetime)", async () => {
  const id = freshVisitorId();
  const res = await getPage("/html/basic", { cookie: `other=1; wm_vid=${id}` });
  expect(setVisitorId(res)).toBe(id);
});

it.each(["short", "x".repeat(40), "bad$chars!bad$chars!bad$", "", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"])(
  "replaces an invalid id (%s)",
  async (bad) => {
    const res = await getPage("/html/basic", { cookie: `wm_vid=${bad}` });
    const id = setVisitorId(res);
    expect(id).toMatch(ID_RE);
    expect(id).not.toBe(bad);
  },
);

it("omits Secure on plain http (local development)", async () => {
  const res = await viaWorker(new Request(SITE.replace("https:", "http:") + "/html/basic", { headers: BROWSER }));
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("wm_vid="))!;
  expect(cookie).not.toContain("Secure");
});
