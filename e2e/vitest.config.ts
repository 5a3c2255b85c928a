import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// End-to-end tests: one real `wrangler dev` (the demo shop behind the Worker) for the whole run,
// driven by Debian's Chromium through playwright-core.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    include: ["**/*.e2e.ts"],
    globalSetup: ["./support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one browser-heavy file at a time keeps timings honest.
    fileParallelism: false,
  },
});
