#!/usr/bin/env node
// A/B two Worker bundles in one workerd process: same origin, same seeding, alternating measurements of req/s
// (10 connections, 3 s) and CPU per request (workerd process CPU, /proc) for the returning visitor, and the
// deferred CPU per request (after the last response until idle: alarms flushing stats).
//   node bench/ab.mjs <bundleDirA> <bundleDirB> [page=/shop/50k] [personalization=on] (ROUNDS=6 by default;
//   VISITORS=n for n prepared visitors in rotation, one page each per CPU measurement, instead of one visitor)
// Build the bundles with `npx wrangler deploy --dry-run --outdir <dir>` from two checkouts (or one, edited between).
import { startOrigin } from "./lib/start-origin.mjs";
import { startWorkerd } from "./lib/start-workerd.mjs";
import { waymarkWorkerOptions } from "./lib/waymark-worker-options.mjs";
import { publishJourneys, prepareReturningVisitors, visitorId } from "./lib/seed.mjs";
import { cpuPerRequest, idleCpuRate } from "./lib/cpu-per-request.mjs";
import { waitForIdle } from "./lib/wait-for-idle.mjs";
import { runLoad } from "./lib/load.mjs";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [dirA, dirB, page = "/shop/50k", personalization = "on"] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error("usage: node bench/ab.mjs <bundleDirA> <bundleDirB> [page] [on|off]");
const rounds = Number(process.env.ROUNDS ?? 6);
const configPath = fileURLToPath(new URL("../wrangler.toml", import.meta.url));
const persistDir = `/dev/shm/waymark-ab-${process.pid}`;
const origin = await startOrigin();
const opts = (name, bundleDir) =>
  waymarkWorkerOptions({ name, bundleDir, configPath, originUrl: origin.url, personalization });
// RAISE_SQLITE_HEAP=1: workerd's SQLite heap limit at 8 GiB (start-workerd.mjs), for VISITORS past ~1,000 per bundle.
const w = await startWorkerd([opts("a", dirA), opts("b", dirB)], {
  persistDir,
  raiseSqliteHeapLimit: process.env.RAISE_SQLITE_HEAP === "1",
});
try {
  const v = visitorId("r", 0);
  // VISITORS=n: n prepared visitors in rotation (one page each per measurement) instead of one returning visitor.
  const rotating = Array.from({ length: Number(process.env.VISITORS ?? 0) }, (_, i) => visitorId("m", i));
  for (const n of ["a", "b"]) {
    await publishJourneys(w.urls[n]);
    await prepareReturningVisitors(w.urls[n], rotating.length ? rotating : [v]);
  }
  const headers = rotating.length ? {} : { cookie: `wm_vid=${v}` };
  // Each run starts where the last one stopped, so a measurement meets the visitors least recently seen.
  let from = 0;
  const cookieList = rotating.map((x) => `wm_vid=${x}`);
  const rotate = () => {
    const list = [...cookieList.slice(from), ...cookieList.slice(0, from)];
    from = (from + Math.floor(cookieList.length / 3)) % cookieList.length;
    return list;
  };
  const cookiesFor = () => (rotating.length ? rotate() : undefined);
  const cap = (amount) => (rotating.length ? Math.min(amount, rotating.length) : amount);
  for (const n of ["a", "b"]) await runLoad({ url: w.urls[n] + page, duration: 2, headers, cookies: cookiesFor() }); // warm-up
  const settle = { minMs: personalization === "on" ? 7_000 : 0 }; // stats flush from an alarm 5 s later
  await waitForIdle(w.pid, 0, settle);
  const idle = await idleCpuRate(w.pid, { windows: 3 });
  const res = {
    a: { cpu: [], deferred: [], rps: [], outcomes: {} },
    b: { cpu: [], deferred: [], rps: [], outcomes: {} },
  };
  for (let k = 0; k < rounds; k++)
    for (const n of k % 2 ? ["b", "a"] : ["a", "b"]) {
      const l = await runLoad({ url: w.urls[n] + page, duration: 3, headers, cookies: cookiesFor() });
      res[n].rps.push(l.rps);
      for (const [o, c] of Object.entries(l.outcomes)) res[n].outcomes[o] = (res[n].outcomes[o] ?? 0) + c;
      const amount = cap(Math.round(l.rps * 4));
      const c = await cpuPerRequest({
        pid: w.pid,
        idleRate: idle,
        url: w.urls[n] + page,
        amount,
        headers,
        cookies: cookiesFor(),
      });
      res[n].cpu.push(c.ms);
      // CPU after the last response until idle (alarms flushing stats), per request of this measurement.
      res[n].deferred.push((await waitForIdle(w.pid, idle, settle)).extraCpuMs / c.requests);
    }
  const avg = (x) => x.reduce((a, b) => a + b, 0) / x.length;
  for (const n of ["a", "b"])
    console.log(
      `${n}: CPU ms/request ${avg(res[n].cpu).toFixed(3)} (${res[n].cpu.map((x) => x.toFixed(3)).join(" ")}),`,
      `deferred ${avg(res[n].deferred).toFixed(3)} (${res[n].deferred.map((x) => x.toFixed(3)).join(" ")}),`,
      `req/s ${avg(res[n].rps).toFixed(0)}, X-Waymark ${JSON.stringify(res[n].outcomes)}`,
    );
} finally {
  await w.dispose();
  await origin.stop();
  rmSync(persistDir, { recursive: true, force: true });
}
