import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The engine is pure: its tests run in plain Node, from case tables in test/cases/*.json.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { include: ["test/**/*.test.ts"] },
});
