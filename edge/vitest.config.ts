import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Worker and Durable Object tests run inside workerd, configured from the real wrangler.toml.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "../wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
          PREVIEW_SECRET: "test-preview-secret-0123456789abcdef0123456789abcdef",
          // Identity tokens (waymark.identify); edge/test/support/identity.ts signs with it.
          IDENTITY_SECRET: "test-identity-secret-0123456789abcdef0123456789abcdef",
          // Cold Durable Objects on a busy 2-core machine can take longer than the production 50 ms budget;
          // tests of the budget itself set their own (edge/test/page-fail-open.test.ts).
          DECISION_BUDGET_MS: "2000",
          // Signs outbound journey webhooks (edge/test/webhooks.test.ts verifies the signature).
          WEBHOOK_SECRET: "test-webhook-secret-0123456789abcdef",
        },
        // The warehouse export (edge/test/export-*.test.ts): miniflare's local Queue, delivered to this Worker's
        // queue handler, and a local R2 bucket. Real bindings, as wrangler.toml shows them (commented).
        queueProducers: { EXPORT_QUEUE: "waymark-export" },
        queueConsumers: { "waymark-export": { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 5 } },
        r2Buckets: ["EXPORT_BUCKET"],
      },
    }),
  ],
  // globalSetup starts a real Node origin on 127.0.0.1 (edge/test/support/origin-server.mjs) and provides its URL;
  // the second starts an origin that misbehaves on purpose (reliability tests) and provides FUZZ_RUNS.
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    globalSetup: ["./test/support/global-setup.mjs", "./test/support/misbehaving-origin-setup.mjs"],
  },
});
