#!/usr/bin/env node
// How many visitor objects one workerd process keeps live at once, and what runs out first (bench/lib/
// live-capacity.mjs): prints, per wave, the live objects, open files and resident memory.
// Run: node bench/capacity.mjs [visitors=5000] [--raise-sqlite-heap-limit]  (the Worker bundle is rebuilt first, as
// `npm run bench` does). workerd caps SQLite at 512 MiB per process (~2,400 visitor objects); the flag raises it
// to 8 GiB through workerd's autogates (bench/lib/start-workerd.mjs).
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWaymark } from "./lib/bundle-waymark.mjs";
import { liveCapacity } from "./lib/live-capacity.mjs";
import { publishJourneys } from "./lib/seed.mjs";
import { startOrigin } from "./lib/start-origin.mjs";
import { startWorkerd } from "./lib/start-workerd.mjs";
import { waymarkWorkerOptions } from "./lib/waymark-worker-options.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const raiseSqliteHeapLimit = args.includes("--raise-sqlite-heap-limit");
const target = Number(args.find((a) => !a.startsWith("--")) ?? 5_000);
const bundleDir = join(ROOT, ".bench/bundle");
// tmpfs when there is one (as bench/run.mjs): the disk's fsyncs would make this slow, not different.
const persistDir = join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), `waymark-capacity-${process.pid}`);

await bundleWaymark(ROOT, bundleDir);
const origin = await startOrigin();
const name = "waymark-capacity";
const options = {
  bundleDir,
  configPath: join(ROOT, "wrangler.toml"),
  originUrl: origin.url,
  name,
  personalization: "on",
};
const w = await startWorkerd([waymarkWorkerOptions(options)], { persistDir, raiseSqliteHeapLimit });
try {
  await publishJourneys(w.urls[name]);
  const r = await liveCapacity({
    url: `${w.urls[name]}/shop/50k`,
    touchUrl: `${w.urls[name]}/__waymark/me`,
    pid: w.pid,
    target,
    log: console.log,
  });
  if (r.failed) console.log(`failed ${r.failed.during} at ${r.failed.visitors}: ${w.logs.slice(-3).join(" | ")}`);
  console.log(`live visitor objects at once in one workerd process: ${r.peakLive} (target ${target})`);
  console.log(
    `open files limit ${r.fileLimit}; resident ${r.rssMb.toFixed(0)} MB; last pass ${r.passSeconds.toFixed(1)} s; ` +
      `${Math.round(r.bytesPerObject ?? 0)} bytes per live object; SQLite heap limit ${raiseSqliteHeapLimit ? "8 GiB" : "512 MiB"}`,
  );
} finally {
  await w.dispose();
  await origin.stop();
  rmSync(persistDir, { recursive: true, force: true });
}
