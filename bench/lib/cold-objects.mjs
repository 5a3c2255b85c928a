// Visitor objects that are not in memory, and how many fit in one: the cost most real page views pay (a visitor
// comes back after minutes, their object long evicted) and the memory each awake object holds.
//
// 1. Wake: N prepared visitors (cart left idle) in a workerd process of their own, which is then restarted on the
//    same SQLite files, so every object is evicted (waiting for workerd's idle eviction takes a minute). After one
//    warm-up request of another visitor, each of the N loads one page (cold: the object wakes, activates, reads its
//    row and decides), then each loads it again (warm). CPU per page of each pass, the same way as the CPU rows.
// 2. Memory: the process's resident memory before and after the cold pass, divided by N (a lower bound: the heap
//    of objects evicted meanwhile is reused); the capacity runs give bytes per live object over thousands.
// 3. Capacity (live-capacity.mjs): a fresh process, waves of new visitors each followed by a pass keeping every
//    visitor so far live, until 5,000 or the first failing response: with workerd's default SQLite heap limit
//    (SQLITE_NOMEM at ~2,400 visitor objects), then with the limit raised (start-workerd.mjs).
import { readFileSync, rmSync } from "node:fs";
import { processCpuMs } from "./proc-cpu.mjs";
import { liveCapacity } from "./live-capacity.mjs";
import { runLoad } from "./load.mjs";
import { publishJourneys, prepareReturningVisitors, visitorId } from "./seed.mjs";
import { startWorkerd } from "./start-workerd.mjs";
import { waitForIdle } from "./wait-for-idle.mjs";
import { idleCpuRate } from "./cpu-per-request.mjs";
import { waymarkWorkerOptions } from "./waymark-worker-options.mjs";

/** The worker's name in its own workerd processes (wake, memory and capacity runs). */
const name = "waymark-cold";

/** Resident memory of a process, in bytes (VmRSS of /proc/<pid>/status). */
export function residentBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU per request (ms, above the idle rate) of one pass of `cookies` over `url`, one request per cookie. */
async function cpuPass(pid, idleRate, url, cookies) {
  const c0 = processCpuMs(pid);
  const t0 = performance.now();
  const r = await runLoad({ url, amount: cookies.length, connections: 10, cookies });
  const wall = performance.now() - t0;
  const ms = Math.max(0, processCpuMs(pid) - c0 - idleRate * wall) / r.requests;
  return { ms, requests: r.requests, outcomes: r.outcomes, bannerShare: r.withBanner / Math.max(1, r.requests) };
}

/**
 * @param {{ bundleDir: string, configPath: string, originUrl: string, persistDir: string, page: string,
 *           visitors: number, capacity: number, log: (m: string) => void }} o
 */
export async function coldObjects(o) {
  const options = () =>
    waymarkWorkerOptions({
      bundleDir: o.bundleDir,
      configPath: o.configPath,
      originUrl: o.originUrl,
      name,
      personalization: "on",
    });
  rmSync(o.persistDir, { recursive: true, force: true });
  const ids = Array.from({ length: o.visitors }, (_, i) => visitorId("w", i));
  const cookies = ids.map((id) => `wm_vid=${id}`);
  const warmUp = `wm_vid=${visitorId("w", o.visitors + 1)}`;

  let w = await startWorkerd([options()], { persistDir: o.persistDir });
  try {
    await publishJourneys(w.urls[name]);
    await prepareReturningVisitors(w.urls[name], ids);
  } finally {
    await w.dispose();
  }
  o.log(`  ${o.visitors} visitors prepared; restarting workerd on the same storage (every object evicted)`);

  const out = {};
  w = await startWorkerd([options()], { persistDir: o.persistDir });
  try {
    const url = w.urls[name] + o.page;
    await runLoad({ url, amount: 50, connections: 1, headers: { cookie: warmUp } });
    await waitForIdle(w.pid, 0, { minMs: 7_000, maxMs: 30_000 });
    const idle = await idleCpuRate(w.pid, { windows: 3, ms: 700 });
    const rss0 = residentBytes(w.pid);
    out.cold = await cpuPass(w.pid, idle, url, cookies);
    const rss1 = residentBytes(w.pid);
    out.warm = await cpuPass(w.pid, idle, url, cookies);
    out.bytesPerObject = (rss1 - rss0) / o.visitors;
    out.rssBefore = rss0;
    out.rssAfter = rss1;
    out.visitors = o.visitors;
    await waitForIdle(w.pid, idle, { minMs: 7_000, maxMs: 30_000 });
  } finally {
    await w.dispose();
    rmSync(o.persistDir, { recursive: true, force: true });
  }

  // Capacity: a fresh process, new visitors in waves, every visitor revisited after each wave so all stay live.
  // Twice: with workerd's default process-wide SQLite heap limit (512 MiB, what stops it), then with the limit
  // raised to 8 GiB (start-workerd.mjs), which shows what comes next.
  out.capacityDefault = await capacityRun(o, options, false);
  out.capacity = await capacityRun(o, options, true);
  return out;
}

async function capacityRun(o, options, raiseSqliteHeapLimit) {
  o.log(`  capacity, SQLite heap limit ${raiseSqliteHeapLimit ? "raised to 8 GiB" : "workerd's default (512 MiB)"}:`);
  const w = await startWorkerd([options()], { persistDir: o.persistDir, raiseSqliteHeapLimit });
  try {
    await publishJourneys(w.urls[name]);
    const r = await liveCapacity({
      url: w.urls[name] + o.page,
      touchUrl: `${w.urls[name]}/__waymark/me`,
      pid: w.pid,
      target: o.capacity,
      log: o.log,
    });
    return { ...r, sqliteHeapLimit: raiseSqliteHeapLimit ? "8 GiB" : "512 MiB", log: w.logs.slice(-3) };
  } finally {
    await w.dispose();
    rmSync(o.persistDir, { recursive: true, force: true });
  }
}
