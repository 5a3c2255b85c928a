import { assignBranch, compileRuleset, type JourneyInput } from "@waymark/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { DecideResult, WebhookPayload } from "@waymark/shared";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, ORIGIN } from "./support/edge.ts";
import { publishJourneys, sendEvents } from "./support/visitor-api.ts";

// Issue 17, "other channels, same decision": the decide endpoint and webhook payloads carry the journey, stage,
// branch and the rendered content of the visitor's actions (and the offer field, reserved for issue 18), so an email
// tool or an app says the same thing as the site.

const KEY = `ch${crypto.randomUUID().replace(/-/g, "")}`;

const CART: JourneyInput = {
  id: "cart-mail",
  name: "Cart mail",
  priority: 30,
  stages: [{ id: "browsing" }, { id: "carted" }, { id: "bought", exit: true }],
  start: "browsing",
  transitions: [
    { from: "browsing", to: "carted", on: "add_to_cart" },
    { from: "carted", to: "bought", on: "purchase" },
  ],
  branches: [
    { id: "warm", weight: 1 },
    { id: "plain", weight: 1 },
  ],
  actions: [
    {
      id: "reminder",
      type: "nudge",
      stage: "carted",
      title: 'Still thinking, {{traits.first_name | "there"}}?',
      html: "<p>{{cart.count}} item(s): {{cart.lastItem.name}} for {{cart.lastItem.price}}</p>",
    },
    // A condition on the page: an email has no page, so the action is not held back by it.
    {
      id: "mobile-banner",
      type: "insert",
      stage: "carted",
      selector: "body",
      position: "prepend",
      html: "<b>Your cart</b>",
      when: [{ type: "device", is: "mobile" }],
    },
    // A condition on the visitor that does not hold: left out, as on the site.
    {
      id: "vip-only",
      type: "insert",
      stage: "carted",
      selector: "main",
      html: "<i>VIP</i>",
      when: [{ type: "trait", name: "tier", equals: "vip" }],
    },
    { id: "go-cart", type: "redirect", stage: "carted", branch: "warm", url: "/cart" },
    { id: "welcome", type: "insert", stage: "browsing", selector: "body", html: "<p>Welcome</p>" },
  ],
  webhooks: [{ url: `${ORIGIN}/hook/${KEY}`, stages: ["carted"] }],
};

beforeAll(async () => {
  await publishJourneys([CART]);
});

async function hooks(): Promise<{ body: string }[]> {
  return (await fetch(`${ORIGIN}/__hooks/${KEY}`)).json();
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh visitor id in this branch of the journey (sticky assignment by id). */
function visitorIn(branch: string): string {
  const j = compileRuleset({ version: 1, journeys: [CART] }).byId.get(CART.id)!;
  for (;;) {
    const id = freshVisitorId();
    if (assignBranch(id, j).branch === branch) return id;
  }
}

/** A visitor with a first name trait and a mug in the cart. */
async function cartedVisitor(vid = freshVisitorId()): Promise<string> {
  expect((await api("POST", `/visitors/${vid}/traits`, { first_name: "Ada <3" })).status).toBe(200);
  const r = await sendEvents(`wm_vid=${vid}`, [
    { type: "add_to_cart", data: { id: "mug", name: "Mug & co", price: 12 } },
  ]);
  expect(r.status).toBe(200);
  return vid;
}

describe("decide: per journey, what a channel needs", () => {
  it("journey, stage, branch, status and the rendered content of the actions, with offer null", async () => {
    // The "plain" branch: in "warm" the redirect wins the page (and the decision) over everything else.
    const vid = await cartedVisitor(visitorIn("plain"));
    const r = await api("POST", "/decide", { url: "https://shop.example/products/mug", visitorId: vid });
    expect(r.status).toBe(200);
    const parsed = DecideResult.safeParse(r.body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const mine = r.body.journeys.find((j: { journey: string }) => j.journey === "cart-mail");
    expect(mine).toMatchObject({ journey: "cart-mail", stage: "carted", holdout: false, offer: null });
    expect(mine.branch).toBe("plain");
    expect(mine.status).toBe("applied");
    // The page is desktop (no user agent): the mobile banner stays out, as on the page itself.
    const ids = mine.actions.map((a: { id: string }) => a.id);
    expect(ids).toContain("reminder");
    expect(ids).not.toContain("vip-only");
    expect(ids).not.toContain("welcome");
    const reminder = mine.actions.find((a: { id: string }) => a.id === "reminder");
    expect(reminder).toEqual({
      id: "reminder",
      type: "nudge",
      slot: "nudge",
      title: "Still thinking, Ada &lt;3?",
      html: "<p>1 item(s): Mug &amp; co for 12.00</p>",
      text: null,
      url: null,
    });
    // The same content the page's decision carries (one decision, two shapes).
    const applied = r.body.actions.find((a: { actionId: string }) => a.actionId === "reminder");
    expect(applied.action.html).toBe(reminder.html);
  });
});

describe("webhooks: the payload says what the email should", () => {
  it("carries stage, branch and the stage's actions rendered for the visitor; page conditions do not hold it back", async () => {
    const vid = await cartedVisitor();
    const got = await until(hooks, (l) => l.some((h) => JSON.parse(h.body).visitorId === vid));
    const body = JSON.parse(got.find((h) => JSON.parse(h.body).visitorId === vid)!.body);
    expect(WebhookPayload.safeParse(body).error?.issues).toBeUndefined();
    expect(body).toMatchObject({
      type: "stage_change",
      journey: "cart-mail",
      from: "browsing",
      to: "carted",
      stage: "carted",
      holdout: false,
      offer: null,
    });
    expect(["warm", "plain"]).toContain(body.branch);
    const byId = new Map(body.actions.map((a: { id: string }) => [a.id, a]));
    expect(byId.get("reminder")).toEqual({
      id: "reminder",
      type: "nudge",
      slot: "nudge",
      title: "Still thinking, Ada &lt;3?",
      html: "<p>1 item(s): Mug &amp; co for 12.00</p>",
      text: null,
      url: null,
    });
    expect(byId.get("mobile-banner")).toMatchObject({ type: "insert", html: "<b>Your cart</b>" });
    expect(byId.has("vip-only")).toBe(false);
    expect(byId.has("welcome")).toBe(false);
    if (body.branch === "warm")
      expect(byId.get("go-cart")).toMatchObject({ type: "redirect", url: "/cart", html: null });
    else expect(byId.has("go-cart")).toBe(false);
  });
});
