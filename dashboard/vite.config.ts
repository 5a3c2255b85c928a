import preact from "@preact/preset-vite";
import { defineConfig, type PluginOption } from "vite";

// Served by the Worker at /__waymark/dashboard/ from wrangler's [assets] directory (dashboard/dist), so the files
// must sit under that same path inside dist.
export default defineConfig({
  base: "/__waymark/dashboard/",
  // The preset's types come from the workspace root's newer vite (vitest's); the plugin itself works with this one.
  plugins: [preact() as unknown as PluginOption],
  // `npm run dev -w dashboard` against a running `npm start`: the API stays same-origin through the proxy.
  server: { proxy: { "/__waymark/api": "http://127.0.0.1:8787" } },
  build: {
    outDir: "dist/__waymark/dashboard",
    emptyOutDir: true,
    // The CSP forbids inline scripts; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: false,
    rollupOptions: {
      // zod's sources carry comments rollup cannot place; harmless, but they drown real warnings.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
});
