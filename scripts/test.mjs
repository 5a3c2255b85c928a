#!/usr/bin/env node
// `npm test`: every suite, in order of speed, stopping at the first failure.
// Extra args are passed to each vitest run (e.g. `npm test -- -t banner`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

const extra = process.argv.slice(2);
// A filter may match nothing in some suites; without one, a suite that finds no tests is a failure.
const passWithNoTests = extra.length ? ["--passWithNoTests"] : [];
const vitest = (config) => ["npx", "vitest", "run", "--config", config, ...passWithNoTests, ...extra];
const steps = [
  ["build", ["node", "scripts/build.mjs"]],
  ["shared (engine case tables, node)", vitest("shared/vitest.config.ts")],
  ["dashboard (pure logic, node)", vitest("dashboard/vitest.config.ts"), "dashboard/vitest.config.ts"],
  [
    "extension (background logic, WXT fake browser)",
    vitest("extension/vitest.config.ts"),
    "extension/vitest.config.ts",
  ],
  ["edge (Worker + Durable Objects, workerd)", vitest("edge/vitest.config.ts")],
  ["cli (spawned as a user would)", vitest("cli/vitest.config.ts"), "cli/vitest.config.ts"],
  ["e2e (real Chromium against the Worker)", vitest("e2e/vitest.config.ts")],
];

for (const [name, [cmd, ...args], needs] of steps) {
  if (needs && !existsSync(needs)) continue;
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`✘ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
console.log("\n✔ all suites passed");
