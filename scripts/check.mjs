#!/usr/bin/env node
// `npm run check`: typecheck every workspace, format check, generated types current, deployable bundle.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

const steps = [
  ["build (beacon: generated sources the typecheck needs)", ["node", "scripts/build.mjs", "beacon"]],
  ["typecheck shared", ["npx", "tsc", "-p", "shared", "--noEmit"]],
  ["typecheck edge", ["npx", "tsc", "-p", "edge", "--noEmit"]],
  [
    "typecheck beacon (browser code)",
    ["npx", "tsc", "-p", "edge/src/beacon", "--noEmit"],
    "edge/src/beacon/tsconfig.json",
  ],
  ["typecheck dashboard", ["npx", "tsc", "-p", "dashboard", "--noEmit"], "dashboard/tsconfig.json"],
  // extension/tsconfig.json extends WXT's generated .wxt/tsconfig.json (gitignored): generate it first.
  ["wxt prepare (extension types)", ["npx", "wxt", "prepare", "extension"], "extension/wxt.config.ts"],
  ["typecheck extension", ["npx", "tsc", "-p", "extension", "--noEmit"], "extension/tsconfig.json"],
  ["typecheck cli", ["npx", "tsc", "-p", "cli", "--noEmit"], "cli/tsconfig.json"],
  ["typecheck e2e + scripts", ["npx", "tsc", "-p", "e2e", "--noEmit"], "e2e/tsconfig.json"],
  // Mozilla's linter on the Firefox build (the build runs first when its inputs changed).
  ["web-ext lint (Firefox build)", ["node", "scripts/lint-firefox.mjs"], "extension/wxt.config.ts"],
  ["format (prettier --check)", ["npx", "prettier", "--check", "--log-level", "warn", "."]],
  ["wrangler types up to date", ["node", "scripts/check-worker-types.mjs"]],
  ["wrangler deploy --dry-run", ["npx", "wrangler", "deploy", "--dry-run", "--outdir", ".wrangler/dry-run"]],
  ["openapi document current", ["node", "scripts/openapi.mjs", "--check"], "scripts/openapi.mjs"],
];

let failed = 0;
for (const [name, [cmd, ...args], needs] of steps) {
  if (needs && !existsSync(needs)) continue;
  process.stdout.write(`▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`✘ ${name}\n${r.stdout}${r.stderr}\n`);
  }
}
if (failed) {
  console.error(`${failed} check(s) failed`);
  process.exit(1);
}
console.log("✔ all checks passed");
