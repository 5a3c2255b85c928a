// The Worker bundle exactly as `wrangler deploy` would upload it (wrangler deploy --dry-run --outdir).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export function bundleWaymark(root, outDir) {
  const r = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outDir], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  if (r.status !== 0 || !existsSync(join(outDir, "index.js")))
    throw new Error(`bench: wrangler deploy --dry-run failed\n${r.stdout}\n${r.stderr}`);
  return outDir;
}
