import { beforeEach, describe, expect, it } from "vitest";
import { createHandlers } from "../src/background/handlers.ts";
import { handleMessage } from "../src/background/serve-messages.ts";
import { ORIGIN, setupSite } from "./support/setup-site.ts";

const EXT_ID = "abcdefghijklmnopabcdefghijklmnop";
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;

describe("message boundary", () => {
  let ctx: Awaited<ReturnType<typeof setupSite>>;
  let serve: (message: unknown, sender: { id?: string; url?: string }) => ReturnType<typeof handleMessage>;
  beforeEach(async () => {
    ctx = await setupSite({
      "GET /__waymark/api/journeys": { status: 401, body: { error: "invalid token" } },
    });
    const handlers = createHandlers(ctx.deps);
    serve = (m, s) => handleMessage(m, s, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, handlers });
  });

  const fromPanel = { id: EXT_ID, url: `${EXT_ORIGIN}/sidepanel.html` };

  it("answers the extension's own pages", async () => {
    const reply = await serve(
      { type: "preview.start", data: { tabId: ctx.tabId, journey: "abandoned-cart", branch: "discount" } },
      fromPanel,
    );
    expect(reply).toMatchObject({
      ok: true,
      value: { journey: "abandoned-cart", branch: "discount", version: "draft" },
    });
    expect(ctx.apis.sessionRules).toHaveLength(1);
  });

  it.each([
    ["a content script in a web page", { id: EXT_ID, url: `${ORIGIN}/cart` }],
    [
      "another extension",
      { id: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", url: "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html" },
    ],
    ["a sender without a URL", { id: EXT_ID }],
  ])("refuses %s, and does nothing", async (_name, sender) => {
    const reply = await serve({ type: "preview.start", data: { tabId: ctx.tabId, journey: "abandoned-cart" } }, sender);
    expect(reply).toEqual({ ok: false, status: 403, error: "not allowed from this context" });
    expect(ctx.api.calls).toHaveLength(0);
    expect(ctx.apis.sessionRules).toHaveLength(0);
  });

  it("refuses unknown messages and invalid payloads with the path at fault", async () => {
    expect(await serve({ type: "nope", data: {} }, fromPanel)).toMatchObject({ ok: false, status: 400 });
    expect(await serve("not even an object", fromPanel)).toMatchObject({ ok: false, status: 400 });
    const bad = await serve({ type: "preview.start", data: { tabId: ctx.tabId, journey: "Bad Slug!" } }, fromPanel);
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(bad.ok === false && bad.error).toContain("journey");
    const badEvents = await serve({ type: "simulate.advance", data: { tabId: ctx.tabId, by: "soon" } }, fromPanel);
    expect(badEvents.ok === false && badEvents.error).toContain("by");
    expect(ctx.api.calls).toHaveLength(0);
  });

  it("turns an API 401 into a message pointing at the token", async () => {
    const reply = await serve({ type: "journeys.list", data: { origin: ORIGIN } }, fromPanel);
    expect(reply).toEqual({ ok: false, status: 401, error: "invalid token (check the admin token in the options)" });
  });

  it("refuses an origin that is not configured", async () => {
    const reply = await serve({ type: "journeys.list", data: { origin: "https://other.test" } }, fromPanel);
    expect(reply.ok === false && reply.error).toMatch(/not a configured Waymark site/);
  });
});
