// How many visitor objects one workerd process keeps live at once. workerd evicts an object about 10 s after its
// last request (measured: 250 objects' SQLite files all close 10-15 s after their alarm), so "live at once" needs
// every object touched within that window: each wave adds new visitors, then one pass revisits every visitor so
// far. Live visitor objects are counted from the process's open files: the visitor objects' SQLite databases
// (each also holds its WAL and shared-memory index open).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { runLoad } from "./load.mjs";
import { visitorId } from "./seed.mjs";

export const openFiles = (pid) => readdirSync(`/proc/${pid}/fd`).length;

/**
 * Visitor objects with their database open: the process's open files that are a VisitorJourney object's SQLite
 * database (Miniflare keeps each at <persist>/<worker>-VisitorJourney/<id>.sqlite); stats shards, the rules object
 * and the SQLite metadata files are left out.
 */
export function liveVisitorObjects(pid) {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    if (VISITOR_DB.test(target)) n++;
  }
  return n;
}
const VISITOR_DB = /-VisitorJourney\/[0-9a-f]{64}\.sqlite$/;
export const residentMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
/** Memory mappings of the process: Linux refuses new ones past vm.max_map_count (65,530 by default). */
export const memoryMaps = (pid) => readFileSync(`/proc/${pid}/maps`, "utf8").split("\n").length - 1;

/** Connections of a pass over every visitor: enough to touch 5,000 objects well within workerd's idle window. */
const PASS_CONNECTIONS = 32;

/**
 * @param {{ url: string, touchUrl?: string, pid: number, target: number, wave?: number, log?: (m: string) => void }} o
 *   url: the page new visitors load (it creates their objects). touchUrl: what a pass requests of every visitor to
 *   keep its object live (default: the page); GET /__waymark/me is one call to the object without the page's work,
 *   so a pass over 5,000 visitors ends within the idle window on two shared cores.
 * @returns {Promise<{ target: number, created: number, peakLive: number, failed: object | null, timeouts: number,
 *   passSeconds: number, rssMb: number, fileLimit: number, bytesPerObject: number | null }>}
 */
export async function liveCapacity(o) {
  const wave = o.wave ?? 500;
  const rss0 = residentMb(o.pid);
  let bytesPerObject = null;
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
    const pass = await runLoad({
      url: o.touchUrl ?? o.url,
      amount: cookies.length,
      cookies,
      connections: PASS_CONNECTIONS,
    });
    passSeconds = pass.seconds;
    check(pass, "revisiting every visitor");
    const live = liveVisitorObjects(o.pid);
    if (live > peakLive) {
      peakLive = live;
      // Everything the process holds for a live object: its SQLite connection (schema, statements, page cache),
      // its JS heap, the open files' buffers. Over all live objects, so GC timing hardly matters.
      bytesPerObject = ((residentMb(o.pid) - rss0) * 1048576) / live;
    }
    o.log?.(
      `  ${cookies.length} visitors: ${live} live visitor objects (${openFiles(o.pid)} open files, ` +
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
    rssStartMb: rss0,
    bytesPerObject,
    maps: memoryMaps(o.pid),
    fileLimit,
  };
}
