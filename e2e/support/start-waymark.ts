import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const TEST_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
export const TEST_PREVIEW_SECRET = "e2e-preview-secret-0123456789abcdef0123456789abcdef";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningWaymark {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start `wrangler dev` on 127.0.0.1 with fresh persisted state and known secrets, and wait until
 * /__waymark/health answers. `vars` are passed as `--var NAME:VALUE` (e.g. ORIGIN_URL).
 */
export async function startWaymark(vars: Record<string, string> = {}): Promise<RunningWaymark> {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "waymark-e2e-"));
  const allVars = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, PREVIEW_SECRET: TEST_PREVIEW_SECRET, ...vars };
  const args = [
    "wrangler",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
    "--inspector-port",
    String(await freePort()),
  ];
  for (const [k, v] of Object.entries(allVars)) args.push("--var", `${k}:${v}`);
  const child: ChildProcess = spawn("npx", args, {
    cwd: repoRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/__waymark/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`wrangler dev did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      // The whole group, even when npx itself has exited: workerd can outlive it (it ignored SIGTERM once and kept a
      // core busy as an orphan), and a group already gone only answers ESRCH.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* nothing left */
      }
    },
  };
}
