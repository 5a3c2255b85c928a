#!/usr/bin/env node
// Builds everything the Worker serves or tests load: the beacon, the dashboard, the extension.
// `node scripts/build.mjs beacon dashboard` builds only those; `--if-stale` skips a part whose output is newer than
// every one of its sources (wrangler's [build] command uses it, so `wrangler dev` starts fast).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const steps = [
  // [name, command, marker that the part exists, sources, output]
  [
    "beacon",
    ["node", "edge/scripts/build-beacon.mjs", "--quiet"],
    "edge/scripts/build-beacon.mjs",
    ["edge/src/beacon", "edge/scripts"],
    "edge/src/beacon/beacon.gen.ts",
  ],
  [
    "dashboard",
    ["npm", "run", "build", "-w", "dashboard"],
    "dashboard/vite.config.ts",
    ["dashboard/src", "dashboard/index.html", "dashboard/vite.config.ts", "shared/src"],
    "dashboard/dist/__waymark/dashboard/index.html",
  ],
  [
    "extension",
    ["npm", "run", "build", "-w", "extension"],
    "extension/wxt.config.ts",
    ["extension/src", "extension/wxt.config.ts", "shared/src"],
    "extension/.output/chrome-mv3/manifest.json",
  ],
];

/** Newest modification time under a file or folder (generated files excluded). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith(".gen.ts") ? 0 : st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) if (e !== "node_modules") max = Math.max(max, newest(join(path, e)));
  return max;
}

const args = process.argv.slice(2);
const ifStale = args.includes("--if-stale");
const only = args.filter((a) => !a.startsWith("--"));
for (const [name, [cmd, ...cmdArgs], marker, sources, output] of steps) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(marker)) continue;
  if (ifStale && existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map(newest))) continue;
  console.log(`build: ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
