// Runs workers in one workerd process through the Miniflare API (not wrangler dev), each reachable on its own
// direct socket so requests skip Miniflare's entry worker. Returns each worker's URL and the workerd pid.
import { Miniflare } from "miniflare";
import { childPids } from "./proc-cpu.mjs";

/** Keeps the last lines workerd printed, to show when something fails. */
function tail(limit, echo) {
  const lines = [];
  const take = (stream) => {
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      if (echo) process.stderr.write(chunk);
      lines.push(...chunk.split("\n").filter(Boolean));
      if (lines.length > limit) lines.splice(0, lines.length - limit);
    });
  };
  return { take, lines };
}

/**
 * workerd's process-wide SQLite heap limit is 512 MiB (src/workerd/util/sqlite.c++, "Limit heap size"): every live
 * Durable Object's database counts against it, so one process stops at a few thousand objects with SQLITE_NOMEM.
 * workerd's `increase-sqlite-hard-heap-limit` autogate raises it to 8 GiB; Miniflare has no option for one autogate,
 * so `raiseSqliteHeapLimit` turns on all of them (WORKERD_ALL_AUTOGATES, read by workerd at start). Only for the
 * capacity count: the other autogates change more than memory, so speed figures never run with it.
 */
const ALL_AUTOGATES = "WORKERD_ALL_AUTOGATES";

/** @param {object[]} workers Miniflare worker options (each with a name and unsafeDirectSockets). */
export async function startWorkerd(workers, { verbose = false, persistDir, inspectorPort, raiseSqliteHeapLimit } = {}) {
  const before = new Set(childPids(process.pid, "workerd"));
  const out = tail(200, verbose);
  const saved = process.env[ALL_AUTOGATES];
  if (raiseSqliteHeapLimit) process.env[ALL_AUTOGATES] = "1";
  else delete process.env[ALL_AUTOGATES];
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers,
    ...(persistDir ? { durableObjectsPersist: persistDir } : {}),
    ...(inspectorPort ? { inspectorPort } : {}),
    handleRuntimeStdio: (stdout, stderr) => {
      out.take(stdout);
      out.take(stderr);
    },
  });
  try {
    await mf.ready;
  } finally {
    if (saved === undefined) delete process.env[ALL_AUTOGATES];
    else process.env[ALL_AUTOGATES] = saved;
  }
  const pids = childPids(process.pid, "workerd").filter((p) => !before.has(p));
  if (pids.length !== 1) throw new Error(`bench: expected one new workerd process, found ${pids.length}`);
  const urls = {};
  for (const w of workers) urls[w.name] = (await mf.unsafeGetDirectURL(w.name)).origin;
  return { urls, pid: pids[0], logs: out.lines, dispose: () => mf.dispose() };
}
