import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

const root = fileURLToPath(new URL(".", import.meta.url));

// Background logic against WXT's fake browser (in-memory storage, tabs, alarms, action); the APIs it lacks
// (declarativeNetRequest, scripting, cookies, permissions, captureVisibleTab) are faked in test/support.
export default defineConfig({
  root,
  plugins: [WxtVitest({ root })],
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
