// Work a Worker defers past its responses (Durable Object alarms flushing stats, waitUntil) must not land in the
// next row's measurement: after a row, wait until the workerd process is back to its idle CPU rate.
import { processCpuMs } from "./proc-cpu.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until the process's CPU rate over `windowMs` is within `slack` (fraction of a core) of its idle rate,
 * waiting at least minMs (work scheduled by alarms starts later) and at most maxMs. `pid` may be a list. Returns the wall time waited and the CPU the process used meanwhile (above idle).
 */
export async function waitForIdle(pid, idleRate, { windowMs = 1_000, slack = 0.03, maxMs = 20_000, minMs = 0 } = {}) {
  const c0 = processCpuMs(pid);
  const t0 = performance.now();
  for (;;) {
    const c = processCpuMs(pid);
    const t = performance.now();
    await sleep(windowMs);
    const rate = (processCpuMs(pid) - c) / (performance.now() - t);
    const waited = performance.now() - t0;
    if ((rate <= idleRate + slack && waited >= minMs) || waited >= maxMs) {
      const cpu = processCpuMs(pid) - c0;
      return { waitedMs: waited, extraCpuMs: Math.max(0, cpu - idleRate * waited), settled: waited < maxMs };
    }
  }
}
