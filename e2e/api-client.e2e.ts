import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";

// The shared admin API client (shared/src/client/waymark-client.ts), bundled as the dashboard and the extension get
// it and run in Chromium against a server that holds requests on purpose. The dashboard polls the same URL every
// few seconds (live counts on the map and the journey list); a request that never gets its answer must cost that
// one poll, not the ones after it.
//
// Found through the journey-map e2e test, which failed in CI with the map at 0 for 30 s: under `wrangler dev` a
// request sent on a keep-alive connection just as the server let it go idle (~5 s, the poll's period) got no answer,
// and Chromium's HTTP cache then queued every later GET of the same URL behind it (its cache lock, ~20 s each).

const CLIENT = fileURLToPath(new URL("../shared/src/client/waymark-client.ts", import.meta.url));
const PAGE = `<!doctype html><title>client</title><script type="module">
  import { WaymarkClient } from "/client.js";
  window.client = new WaymarkClient({ baseUrl: location.origin, token: "t" });
</script>`;

let browser: Browser;
let page: Page;
let server: Server;
let base = "";
let clientJs = "";
/** Requests that reached the server, by path and query. */
const seen: string[] = [];
/** The answers being held (never sent until the test ends). */
const held: ServerResponse[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "/";
  if (url === "/") {
    res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    return;
  }
  if (url === "/client.js") {
    res.writeHead(200, { "content-type": "text/javascript" }).end(clientJs);
    return;
  }
  seen.push(url);
  // The first stats request for a journey never gets its answer; every later one is answered (a 404 the client
  // turns into an error is enough: what matters is that the request reached the server).
  if (url.startsWith("/__waymark/api/stats") && seen.filter((u) => u === url).length === 1) {
    held.push(res);
    return;
  }
  res.writeHead(404, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: "not found" }));
}

beforeAll(async () => {
  const out = await build({ entryPoints: [CLIENT], bundle: true, format: "esm", write: false, logLevel: "silent" });
  clientJs = out.outputFiles[0].text;
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => "client" in window);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const res of held) res.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

type Client = { stats: (journey: string) => Promise<unknown> };
const statsCall = (journey: string) =>
  page.evaluate((j) => {
    void (window as unknown as { client: Client }).client.stats(j).catch(() => undefined);
  }, journey);
const statsSeen = (journey: string) => seen.filter((u) => u === `/__waymark/api/stats?journey=${journey}`).length;

describe("the admin API client in Chromium", () => {
  it("a poll of a URL whose last request is still unanswered reaches the server at once", async () => {
    await statsCall("j1");
    await expect.poll(() => statsSeen("j1")).toBe(1);
    // The first answer is held. Chromium's cache lock would hold this one ~20 s; the poll allows 5 s.
    await statsCall("j1");
    await expect.poll(() => statsSeen("j1"), { timeout: 5_000 }).toBe(2);
  });
});
