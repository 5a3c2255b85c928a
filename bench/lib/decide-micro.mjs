// Runs the engine micro-benchmark (bench/decide-bench.ts) under tsx in its own process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../decide-bench.ts", import.meta.url));
const NBA = fileURLToPath(new URL("../nba.mjs", import.meta.url));

export function decideMicro(root, { quick }) {
  const r = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...(quick ? ["--quick"] : [])], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split("\n").slice(0, 6).join(" | ") };
  return { rows: JSON.parse(r.stdout.trim().split("\n").pop()), offers20: offers20(root) };
}

/** decide() with the next-best-action bench's 20-offer decision point (bench/nba.mjs --decide-only), microseconds. */
function offers20(root) {
  const r = spawnSync(process.execPath, [NBA, "--decide-only"], { cwd: root, encoding: "utf8" });
  const m = /20-offer decision point: ([\d.]+) us/.exec(r.stdout ?? "");
  return m ? Number(m[1]) : null;
}
