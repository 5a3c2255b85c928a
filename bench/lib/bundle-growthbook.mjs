// Bundles GrowthBook's edge app with esbuild for workerd, and its Miniflare options (payload from the bench origin).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { GROWTHBOOK_CLIENT_KEY } from "../growthbook/payload.mjs";

const ENTRY = fileURLToPath(new URL("../growthbook/entry.mjs", import.meta.url));

export async function bundleGrowthbook(outDir) {
  await build({
    entryPoints: [ENTRY],
    outfile: join(outDir, "index.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    minify: true,
    logLevel: "warning",
  });
  return outDir;
}

export function growthbookWorkerOptions({ name, bundleDir, originUrl, compatibilityDate }) {
  return {
    name,
    modules: [{ type: "ESModule", path: join(bundleDir, "index.js") }],
    modulesRoot: bundleDir,
    compatibilityDate,
    bindings: {
      PROXY_TARGET: originUrl,
      GROWTHBOOK_API_HOST: originUrl,
      GROWTHBOOK_CLIENT_KEY,
      NODE_ENV: "production",
      RUN_VISUAL_EDITOR_EXPERIMENTS: "edge",
      RUN_URL_REDIRECT_EXPERIMENTS: "skip",
    },
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  };
}
