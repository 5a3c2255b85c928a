import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The dashboard's pure logic (issue placement, simulation, graph layout, diff model), in node: no DOM needed.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});
