// Runs the engine micro-benchmark (bench/decide-bench.ts) under tsx in its own process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../decide-bench.ts", import.meta.url));
const NBA = fileURLToPath(new URL("../nba.mjs", import.meta.url));

/**
 * Processes to run it in. On these shared machines a whole process runs up to 65% slower now and then (1 journey and
 * 100 alike, a quiet machine, same build: 22.8-37.7 us for 100 journeys over six processes), so each row is the
 * fastest of a few processes' medians: the engine's cost, not the neighbour's.
 */
const PROCESSES = 3;

export function decideMicro(root, { quick }) {
  const runs = [];
  for (let p = 0; p < (quick ? 1 : PROCESSES); p++) {
    const r = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...(quick ? ["--quick"] : [])], {
      cwd: root,
      encoding: "utf8",
    });
    if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split("\n").slice(0, 6).join(" | ") };
    runs.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  const rows = runs[0].map((row, i) => {
    const all = runs.map((run) => run[i].microseconds);
    return { ...row, microseconds: Math.min(...all), processes: all };
  });
  return { rows, offers20: offers20(root) };
}

/** decide() with the next-best-action bench's 20-offer decision point (bench/nba.mjs --decide-only), microseconds. */
function offers20(root) {
  const r = spawnSync(process.execPath, [NBA, "--decide-only"], { cwd: root, encoding: "utf8" });
  const m = /20-offer decision point: ([\d.]+) us/.exec(r.stdout ?? "");
  return m ? Number(m[1]) : null;
}
