// How many visitor objects one workerd process keeps live at once. workerd evicts an object about 10 s after its
// last request (measured: 250 objects' SQLite files all close 10-15 s after their alarm), so "live at once" needs
// every object touched within that window: each wave adds new visitors, then one pass revisits every visitor so
// far. Live objects are counted from the process's open files: each object's SQLite database holds three (the
// database, its WAL and its shared-memory index), and nothing else in the process grows with visitors.
import { readdirSync, readFileSync } from "node:fs";
import { runLoad } from "./load.mjs";
import { visitorId } from "./seed.mjs";

export const openFiles = (pid) => readdirSync(`/proc/${pid}/fd`).length;
export const residentMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
/** Memory mappings of the process: Linux refuses new ones past vm.max_map_count (65,530 by default). */
export const memoryMaps = (pid) => readFileSync(`/proc/${pid}/maps`, "utf8").split("\n").length - 1;
const FILES_PER_OBJECT = 3;

/**
 * @param {{ url: string, pid: number, target: number, wave?: number, log?: (m: string) => void }} o
 * @returns {Promise<{ target: number, created: number, peakLive: number, failed: object | null, timeouts: number,
 *   passSeconds: number, rssMb: number, fileLimit: number }>}
 */
export async function liveCapacity(o) {
  const wave = o.wave ?? 500;
  const base = openFiles(o.pid);
  const fileLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${o.pid}/limits`, "utf8"))[1]);
  const cookies = [];
  let peakLive = 0;
  let failed = null;
  let timeouts = 0;
  let passSeconds = 0;
  const check = (r, what) => {
    timeouts += r.outcomes.timeout ?? 0;
    // A decision over its budget is served unpersonalized ("timeout"): slow, not failing. An "error" outcome or a
    // failed response is an object failing (SQLITE_NOMEM in workerd's log).
    if (r.outcomes.error || r.non2xx || r.errors)
      failed = { during: what, visitors: cookies.length, outcomes: r.outcomes, non2xx: r.non2xx, errors: r.errors };
  };
  while (cookies.length < o.target && !failed) {
    const n = Math.min(wave, o.target - cookies.length);
    const fresh = Array.from({ length: n }, (_, k) => `wm_vid=${visitorId("live", cookies.length + k)}`);
    cookies.push(...fresh);
    check(await runLoad({ url: o.url, amount: n, cookies: fresh }), "new visitors");
    if (failed) break;
    const pass = await runLoad({ url: o.url, amount: cookies.length, cookies });
    passSeconds = pass.seconds;
    check(pass, "revisiting every visitor");
    const live = Math.round((openFiles(o.pid) - base) / FILES_PER_OBJECT);
    peakLive = Math.max(peakLive, live);
    o.log?.(
      `  ${cookies.length} visitors: ~${live} live objects (${openFiles(o.pid)} open files, ` +
        `${memoryMaps(o.pid)} memory maps), ` +
        `${residentMb(o.pid).toFixed(0)} MB resident, pass ${pass.seconds.toFixed(1)} s`,
    );
  }
  return {
    target: o.target,
    created: cookies.length,
    peakLive,
    failed,
    timeouts,
    passSeconds,
    rssMb: residentMb(o.pid),
    maps: memoryMaps(o.pid),
    fileLimit,
  };
}
