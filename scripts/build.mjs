#!/usr/bin/env node
// Builds everything the Worker serves or tests load: the beacon, the dashboard, the extension.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const steps = [
  ["beacon", ["node", "edge/scripts/build-beacon.mjs"], "edge/scripts/build-beacon.mjs"],
  ["dashboard", ["npm", "run", "build", "-w", "dashboard"], "dashboard/vite.config.ts"],
  ["extension", ["npm", "run", "build", "-w", "extension"], "extension/wxt.config.ts"],
];
const only = process.argv.slice(2);
for (const [name, [cmd, ...args], marker] of steps) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(marker)) continue;
  console.log(`build: ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
