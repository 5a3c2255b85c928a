// How long after a publish pages show the new version: publish (a journey's description changed), then load the
// page back to back (one connection) until its manifest names the new version. Repeated a few times at varied
// moments, since the delay depends on where the isolate's re-check interval stands when the publish lands.
// Locally one workerd process runs one isolate of the Worker; on Cloudflare every isolate has its own interval.
import http from "node:http";
import { adminCall } from "./admin-api.mjs";
import { BENCH_JOURNEYS } from "./bench-journeys.mjs";
import { timedRequest } from "./timed-request.mjs";

const MANIFEST = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function pageVersion(url, cookie) {
  const r = await timedRequest(url, { agent, keepBody: true, headers: { cookie, accept: "text/html" } });
  const m = MANIFEST.exec(r.body);
  return m ? JSON.parse(m[1]).version : null;
}

/**
 * @param {{ baseUrl: string, page: string, cookie: string, trials: number, maxWaitMs?: number }} o
 * @returns {Promise<{ delaysMs: number[], maxMs: number, medianMs: number }>}
 */
export async function publishDelay(o) {
  const journey = BENCH_JOURNEYS[BENCH_JOURNEYS.length - 1];
  const url = o.baseUrl + o.page;
  const delaysMs = [];
  for (let t = 0; t < o.trials; t++) {
    // Land the publish at a different point of the re-check interval each time (0.0, 1.3, 2.6 s ... after a page).
    await pageVersion(url, o.cookie);
    await sleep((t * 1_300) % 5_000);
    await adminCall(o.baseUrl, "PUT", `/journeys/${journey.id}`, { ...journey, description: `bench publish ${t}` });
    const { version } = await adminCall(o.baseUrl, "POST", "/publish", { note: `bench publish delay ${t}` });
    const t0 = performance.now();
    for (;;) {
      if ((await pageVersion(url, o.cookie)) === version) break;
      if (performance.now() - t0 > (o.maxWaitMs ?? 60_000)) throw new Error(`version ${version} never reached pages`);
    }
    delaysMs.push(performance.now() - t0);
  }
  const sorted = [...delaysMs].sort((a, b) => a - b);
  return { delaysMs, maxMs: sorted[sorted.length - 1], medianMs: sorted[Math.floor(sorted.length / 2)] };
}
