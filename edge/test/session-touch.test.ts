import { describe, expect, it } from "vitest";
import type { JourneyInput } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getShopPage, setVisitorId, visitorObjectExists } from "./support/edge.ts";
import { untilLive } from "./support/until-live.ts";
import { advanceTime, bannerJourney, publishJourneys } from "./support/visitor-api.ts";

// Issue 16: a newsletter banner that survives the click. The landing's utm_source is kept as the session's touch
// (and the visitor's first), so the banner still shows pages later, and for touch "first" in a later session.
const news = (id: string, touch: "first" | "session"): JourneyInput =>
  bannerJourney(id, `<p class="${id}">From the newsletter</p>`, {
    when: [{ type: "utm", param: "source", equals: "newsletter", touch }],
    actions: [
      {
        id: "top",
        slot: id,
        type: "insert",
        selector: "body",
        position: "prepend",
        html: `<p class="${id}">From the newsletter</p>`,
      },
    ],
  });

const banners = (html: string) => ["news-session", "news-first"].filter((id) => html.includes(`<p class="${id}">`));

async function page(path: string, cookie?: string, headers: Record<string, string> = {}) {
  const res = await getShopPage(path, { cookie, headers: { referer: "https://shop.example/", ...headers } });
  return { res, html: await res.text() };
}

describe("session and first-touch conditions through the page path", () => {
  it("keeps the newsletter banner three pages later, and for touch first in a later session", async () => {
    await untilLive(await publishJourneys([news("news-session", "session"), news("news-first", "first")]));
    const id = freshVisitorId();
    const cookie = `wm_vid=${id}`;
    const landing = await page("/?utm_source=newsletter&utm_medium=email", cookie, { referer: "" });
    expect(banners(landing.html)).toEqual(["news-session", "news-first"]);
    for (const path of ["/products", "/cart", "/"])
      expect(banners((await page(path, cookie)).html), path).toEqual(["news-session", "news-first"]);

    const stored = (await api("GET", `/visitors/${id}`)).body;
    expect(stored.touch.first).toMatchObject({
      utm: { source: "newsletter", medium: "email" },
      source: "email",
      landing: "/",
    });
    expect(stored.visits).toBe(1);

    // 31 minutes without activity: the next page starts a new session, which did not come from the newsletter.
    await advanceTime(id, "31m");
    const later = await page("/products", cookie, { referer: "https://www.google.com/" });
    expect(banners(later.html)).toEqual(["news-first"]);
    const after = (await api("GET", `/visitors/${id}`)).body;
    expect(after.visits).toBe(2);
    expect(after.touch.session).toMatchObject({ utm: {}, source: "search", landing: "/products" });
    expect(after.previousSessionAt).toBeLessThan(after.sessionStartedAt - 30 * 60_000);
  });

  it("without consent keeps nothing: the landing page has its banner, the next page none", async () => {
    const gpc = { "sec-gpc": "1" };
    const landing = await page("/?utm_source=newsletter", undefined, gpc);
    expect(banners(landing.html)).toEqual(["news-session", "news-first"]);
    expect(setVisitorId(landing.res)).toBeNull();
    // A returning visitor's cookie with GPC on: the stored state is not used, nor written.
    const id = freshVisitorId();
    expect(banners((await page("/?utm_source=newsletter", `wm_vid=${id}`, gpc)).html)).toEqual([
      "news-session",
      "news-first",
    ]);
    expect(banners((await page("/products", `wm_vid=${id}`, gpc)).html)).toEqual([]);
    expect(await visitorObjectExists(id)).toBe(false);
  });
});
