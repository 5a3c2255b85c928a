// What the figures were measured on: they only mean something next to the machine and the versions.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // Not Linux.
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function versionOf(require, pkg) {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return "unknown";
  }
}

export function describeMachine(root) {
  const require = createRequire(`${root}/package.json`);
  const requireFromMiniflare = createRequire(require.resolve("miniflare"));
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    workerd: versionOf(requireFromMiniflare, "workerd"),
    miniflare: versionOf(require, "miniflare"),
    wrangler: versionOf(require, "wrangler"),
    autocannon: versionOf(require, "autocannon"),
    growthbookEdge: versionOf(require, "@growthbook/edge-cloudflare"),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadAverageAtStart: os.loadavg()[0],
  };
}
