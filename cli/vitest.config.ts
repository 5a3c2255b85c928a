import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The CLI is tested as a user runs it: `bin/waymark.mjs` spawned as a process (node), some tests against a
// `wrangler dev` Worker the test starts itself.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: one `wrangler dev` at a time.
    fileParallelism: false,
  },
});
