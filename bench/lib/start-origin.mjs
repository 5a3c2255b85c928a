// Starts bench/origin-server.mjs as a child process and resolves with its URL once it listens.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../origin-server.mjs", import.meta.url));

export function startOrigin() {
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
        stop: () =>
          new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", done), child.kill("SIGTERM")))),
      });
    });
  });
}
