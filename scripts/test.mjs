#!/usr/bin/env node
// `npm test`: every suite, in order of speed, stopping at the first failure.
// Extra args are passed to each vitest run (e.g. `npm test -- -t banner`).
import { spawnSync } from "node:child_process";

process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

const extra = process.argv.slice(2);
const steps = [
  ["build", ["node", "scripts/build.mjs"]],
  ["shared (engine case tables, node)", ["npx", "vitest", "run", "--config", "shared/vitest.config.ts", ...extra]],
  ["edge (Worker + Durable Objects, workerd)", ["npx", "vitest", "run", "--config", "edge/vitest.config.ts", ...extra]],
  ["e2e (real Chromium against the Worker)", ["npx", "vitest", "run", "--config", "e2e/vitest.config.ts", ...extra]],
];

for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`✘ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
console.log("\n✔ all suites passed");
