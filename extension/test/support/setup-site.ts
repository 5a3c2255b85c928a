import { fakeBrowser } from "wxt/testing/fake-browser";
import type { BackgroundDeps } from "../../src/background/deps.ts";
import { sitesItem } from "../../src/storage/items.ts";
import { fakeApi } from "./fake-api.ts";
import { installFakeExtensionApis } from "./fake-extension-apis.ts";
import { claimsFor, makeToken } from "./tokens.ts";

export const ORIGIN = "http://shop.test:8787";
export const TOKEN = "admin-token-0123456789abcdef";

export const JOURNEY = {
  id: "abandoned-cart",
  name: "Abandoned cart rescue",
  priority: 10,
  stages: [{ id: "browsing" }, { id: "abandoned" }],
  start: "browsing",
  transitions: [],
  branches: [
    { id: "discount", weight: 1 },
    { id: "reminder", weight: 1 },
  ],
  holdout: 0,
  allocation: "fixed",
  actions: [],
};

/**
 * A configured site with a tab open on it, and a fake Waymark API that issues a fresh token per preview request
 * (claims echo what was asked, so each cell of a QA run can be told apart).
 */
export async function setupSite(
  extra: Parameters<typeof fakeApi>[0] = {},
  apisOpts: Parameters<typeof installFakeExtensionApis>[0] = {},
) {
  fakeBrowser.reset();
  const apis = installFakeExtensionApis(apisOpts);
  await sitesItem.set([{ origin: ORIGIN, token: TOKEN }]);
  const tab = await fakeBrowser.tabs.create({ url: `${ORIGIN}/products/trail-runner` });
  let n = 0;
  const api = fakeApi({
    "POST /__waymark/api/preview-tokens": (call) => {
      const body = call.body as Record<string, string>;
      n++;
      const token = makeToken(
        claimsFor({ jti: `jti-${String(n).padStart(8, "0")}`, ...body, version: body.version ?? "draft" }),
      );
      return {
        status: 201,
        body: {
          token,
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          link: `${ORIGIN}/__waymark/preview?token=${token}`,
        },
      };
    },
    "GET /__waymark/api/journeys/abandoned-cart": {
      body: {
        id: JOURNEY.id,
        journey: JOURNEY,
        status: "published",
        dirty: false,
        updatedAt: 1,
        updatedBy: "admin",
        publishedVersion: 1,
      },
    },
    // The sandbox visitors' events (sample carts, simulation).
    "POST /__waymark/api/visitors/*": { body: { accepted: 1, actions: [] } },
    ...extra,
  });
  const deps: BackgroundDeps = { fetch: api.fetch, now: () => Date.now(), loadTimeoutMs: 2_000 };
  return { apis, api, deps, tabId: tab.id!, tab };
}
