// Beacon size: build it (node scripts/build.mjs beacon), load BEACON_JS from the generated module, and report raw
// (as shipped), re-minified (esbuild, to check it was minified) and gzip -9 bytes.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { transform } from "esbuild";

export async function beaconSize(root) {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "beacon"], { cwd: root, encoding: "utf8" });
  const gen = join(root, "edge/src/beacon/beacon.gen.ts");
  if (build.status !== 0 || !existsSync(gen))
    return {
      error: `beacon not built (${(build.stderr || build.stdout || "no build step").trim().split("\n").pop()})`,
    };
  const { code } = await transform(readFileSync(gen, "utf8"), { loader: "ts", format: "esm" });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  const js = String(mod.BEACON_JS);
  const min = (await transform(js, { minify: true, loader: "js" })).code;
  const gz = (s) => gzipSync(Buffer.from(s), { level: constants.Z_BEST_COMPRESSION }).length;
  return {
    bytes: Buffer.byteLength(js),
    gzip: gz(js),
    reminifiedBytes: Buffer.byteLength(min),
    reminifiedGzip: gz(min),
  };
}
