#!/usr/bin/env node
// Lints the Firefox build of the extension with Mozilla's own linter (web-ext lint, the addons-linter AMO runs).
// Errors fail. Warnings fail too, except the few below that come from third-party code and are explained: a new
// warning must be fixed or explained here, not waved through.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const dir = "extension/.output/firefox-mv3";
// The build step skips itself when its inputs have not changed since the last build.
const b = spawnSync("node", ["scripts/build.mjs", "extension", "--if-stale"], { stdio: "ignore" });
if (b.status !== 0 || !existsSync(`${dir}/manifest.json`)) process.exit(b.status || 1);

/** [code, file pattern, why it is acceptable]. */
const EXPLAINED = [
  [
    "DANGEROUS_EVAL",
    /\.js$/,
    "zod 4 probes `Function('')` once to decide whether it may JIT-compile parsers; the extension never evaluates strings",
  ],
  [
    "UNSAFE_VAR_ASSIGNMENT",
    /\.js$/,
    "Preact's renderer assigns innerHTML only for dangerouslySetInnerHTML, which the extension's UI does not use",
  ],
];

const r = spawnSync("npx", ["web-ext", "lint", "--source-dir", dir, "--output", "json", "--no-config-discovery"], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`web-ext lint printed no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.exit(1);
}

const explained = (m) => EXPLAINED.find(([code, file]) => code === m.code && file.test(m.file ?? ""));
const failures = [...report.errors, ...report.warnings.filter((m) => !explained(m))];
const where = (m) => `${m.file ?? "?"}${m.line ? `:${m.line}` : ""}`;
for (const m of report.warnings.filter(explained))
  console.log(`  explained warning ${m.code} in ${where(m)}: ${explained(m)[2]}`);
for (const m of failures) console.error(`✘ ${m._type} ${m.code} in ${where(m)}: ${m.message}. ${m.description ?? ""}`);
console.log(
  `web-ext lint ${dir}: ${report.summary.errors} errors, ${report.summary.warnings} warnings ` +
    `(${report.summary.warnings - failures.length + report.errors.length} explained), ${report.summary.notices} notices`,
);
process.exit(failures.length ? 1 : 0);
