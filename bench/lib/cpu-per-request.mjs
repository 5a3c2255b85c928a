// Worker CPU per request: the workerd process's CPU time (user + system, /proc) over a fixed number of requests,
// minus its idle rate over the same wall time, divided by the requests. Includes the Durable Object's own CPU
// (same process locally; billed to the object, not the Worker, on Cloudflare) and workerd's HTTP handling.
import { processCpuMs } from "./proc-cpu.mjs";
import { runLoad } from "./load.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The process's CPU rate (ms per ms) at rest: the lowest of a few windows, so a stray timer does not inflate it. */
export async function idleCpuRate(pid, { windows = 4, ms = 1_000 } = {}) {
  let min = Infinity;
  for (let i = 0; i < windows; i++) {
    const c0 = processCpuMs(pid);
    const t0 = performance.now();
    await sleep(ms);
    min = Math.min(min, (processCpuMs(pid) - c0) / (performance.now() - t0));
  }
  return min;
}

/** @param {{ pid: number, idleRate: number, url: string, amount: number, headers?: object, cookies?: string[] }} o */
export async function cpuPerRequest(o) {
  const c0 = processCpuMs(o.pid);
  const t0 = performance.now();
  const r = await runLoad({ url: o.url, amount: o.amount, connections: 10, headers: o.headers, cookies: o.cookies });
  const wall = performance.now() - t0;
  const cpu = processCpuMs(o.pid) - c0;
  return { ms: Math.max(0, cpu - o.idleRate * wall) / r.requests, requests: r.requests, cpuMs: cpu, wallMs: wall };
}
