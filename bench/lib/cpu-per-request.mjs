// Worker CPU per request: the workerd process's CPU time (user + system, /proc) over a fixed number of requests,
// minus its idle rate over the same wall time, divided by the requests. Includes the Durable Object's own CPU
// (same process locally; billed to the object, not the Worker, on Cloudflare) and workerd's HTTP handling.
import { processCpuMs } from "./proc-cpu.mjs";
import { runLoad } from "./load.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function idleCpuRate(pid, ms = 1500) {
  const c0 = processCpuMs(pid);
  const t0 = performance.now();
  await sleep(ms);
  return (processCpuMs(pid) - c0) / (performance.now() - t0);
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
