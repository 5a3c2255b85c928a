// CPU accounting of a process from /proc (Linux): user + system time of all its threads, in milliseconds.
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // getconf missing: Linux's USER_HZ is 100 on every mainstream build.
}

function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces or parentheses: the fields start after the last ')'.
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU time of the process (all threads, including exited ones), in ms; summed over a pid list. */
export function processCpuMs(pid) {
  if (Array.isArray(pid)) return pid.reduce((a, p) => a + processCpuMs(p), 0);
  const f = statFields(pid);
  // After the name: state(0) ppid(1) ... utime(11) stime(12) in clock ticks.
  return ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond;
}

/** Pids of the direct children of `parent` whose executable name is `name`. */
export function childPids(parent, name) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
      if (comm === name && Number(statFields(entry)[1]) === parent) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
