// Miniflare worker options for the Waymark bundle, from the real wrangler.toml (compatibility date/flags,
// vars, Durable Object bindings with SQLite storage), with the bench's origin and secrets.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { unstable_readConfig } from "wrangler";
import { COUNTING_WRAPPER } from "./counting-wrapper.mjs";

export const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const PREVIEW_SECRET = "bench-preview-secret-0123456789abcdef";

/**
 * @param {{ name: string, bundleDir: string, configPath: string, originUrl: string, personalization: "on"|"off",
 *           counting?: boolean }} o
 */
export function waymarkWorkerOptions(o) {
  const config = unstable_readConfig({ config: o.configPath });
  const sqlite = new Set(config.migrations.flatMap((m) => m.new_sqlite_classes ?? []));
  const durableObjects = Object.fromEntries(
    config.durable_objects.bindings.map((b) => [
      b.name,
      { className: b.class_name, useSQLite: sqlite.has(b.class_name) },
    ]),
  );
  const main = join(o.bundleDir, "index.js");
  const modules = [{ type: "ESModule", path: main }];
  if (o.counting) {
    const wrapper = join(o.bundleDir, "bench-counting.mjs");
    writeFileSync(wrapper, COUNTING_WRAPPER);
    modules.unshift({ type: "ESModule", path: wrapper });
  }
  return {
    name: o.name,
    modules,
    modulesRoot: o.bundleDir,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    bindings: {
      ...config.vars,
      ORIGIN_URL: o.originUrl,
      PERSONALIZATION: o.personalization,
      ADMIN_TOKEN,
      PREVIEW_SECRET,
    },
    durableObjects,
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  };
}
