import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// The extension's own schemas compose shared/'s (zod 4), so both must use the very zod instance shared/ resolves,
// whatever layout npm chose for node_modules.
const fromShared = createRequire(fileURLToPath(new URL("../shared/package.json", import.meta.url)));
const zodDir = dirname(fromShared.resolve("zod/package.json"));

// The marketer QA extension. MV3 for Chrome and Firefox alike: optional_host_permissions (ask for the configured
// Waymark site only, at runtime) and declarativeNetRequest session rules exist in both.
export default defineConfig({
  srcDir: "src",
  manifestVersion: 3,
  // Explicit imports everywhere: files read the same in the editor, in tsc and in tests.
  imports: false,
  alias: { zod: zodDir },
  vite: () => ({ plugins: [preact()] }),
  zip: { zipSources: false, artifactTemplate: "waymark-qa-{{version}}-{{browser}}.zip" },
  manifest: ({ browser }) => ({
    name: "Waymark QA",
    description: "Preview any Waymark journey branch on the live site, see why it shows, and QA every branch.",
    permissions: [
      "storage",
      "alarms",
      "activeTab",
      "declarativeNetRequest",
      "tabs",
      "scripting",
      "webRequest",
      "cookies",
      ...(browser === "firefox" ? [] : ["sidePanel"]),
    ],
    // Nothing at install: the options page asks for the configured site's origin only.
    optional_host_permissions: ["http://*/*", "https://*/*"],
    action: { default_title: "Waymark QA" },
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "waymark-qa@waymark.dev",
              // 142: the first Firefox (desktop 140, Android 142) that knows data_collection_permissions.
              strict_min_version: "142.0",
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : {}),
  }),
});
