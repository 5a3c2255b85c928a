// Starts bench/origin-server.mjs as a child process and resolves with its URL once it listens, and which listing
// its pages are built from (lib/build-pages.mjs: the corpus page when present, else the project's own template;
// the child inherits BENCH_PAGES, so it picks the same).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pageSource } from "./build-pages.mjs";

const SCRIPT = fileURLToPath(new URL("../origin-server.mjs", import.meta.url));

export function startOrigin() {
  const pages = pageSource().label;
  const child = spawn(process.execPath, [SCRIPT], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buf = "";
    child.once("exit", (code) => reject(new Error(`bench origin exited early (${code})`)));
    child.stdout.on("data", (d) => {
      buf += d;
      const line = buf.split("\n")[0];
      if (!buf.includes("\n")) return;
      const { port } = JSON.parse(line);
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid,
        pages,
        stop: () =>
          new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", done), child.kill("SIGTERM")))),
      });
    });
  });
}
