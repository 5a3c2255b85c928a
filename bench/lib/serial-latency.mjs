// Latency at one connection (keep-alive, one request at a time), contenders interleaved in blocks.
import http from "node:http";
import { median, percentile, timedRequest } from "./timed-request.mjs";

/** @param {{ name: string, url: string, headers?: Record<string,string> }[]} contenders */
export async function measureSerialLatency(contenders, { requests = 400, block = 20 } = {}) {
  const agents = Object.fromEntries(
    contenders.map((c) => [c.name, new http.Agent({ keepAlive: true, maxSockets: 1 })]),
  );
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  const one = (c) => timedRequest(c.url, { agent: agents[c.name], headers: { accept: "text/html", ...c.headers } });
  for (const c of contenders) for (let i = 0; i < block; i++) await one(c); // warm-up
  for (let done = 0; done < requests; done += block) {
    for (const c of contenders) {
      for (let i = 0; i < block; i++) samples[c.name].push((await one(c)).tEnd);
    }
  }
  for (const a of Object.values(agents)) a.destroy();
  return Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [name, { p50: median(s), p99: percentile(s, 99), n: s.length }]),
  );
}
