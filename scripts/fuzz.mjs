#!/usr/bin/env node
// `npm run fuzz`: the property-based fuzz tests (edge/test/fuzz-*.test.ts and the script-in-HTML check) with
// many more runs than `npm test` gives them. FUZZ_RUNS sets the runs per property (default 2000);
// extra args go to vitest (e.g. `npm run fuzz -- -t events`).
import { spawnSync } from "node:child_process";

const runs = process.env.FUZZ_RUNS ?? "2000";
if (!/^[1-9]\d*$/.test(runs)) {
  console.error(`FUZZ_RUNS must be a positive integer, got "${runs}"`);
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: runs, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
console.log(`▶ fuzzing with ${runs} runs per property`);
// The security files keep their own bounded property runs (each run creates a visitor object).
const files = ["test/fuzz-", "test/security-script-in-html"];
const r = spawnSync("npx", ["vitest", "run", "--config", "edge/vitest.config.ts", ...files, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
