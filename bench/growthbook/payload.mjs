// GrowthBook SDK payload served by the bench origin at /api/features/<key>: one visual experiment that appends the
// bench banner to <body> for everyone (all traffic in the variation), run at the edge by GrowthBook's edge app.
import { BANNER_HTML } from "../lib/banner.mjs";

export const GROWTHBOOK_CLIENT_KEY = "sdk-bench";

export const growthbookPayload = {
  status: 200,
  features: {},
  dateUpdated: "2026-01-01T00:00:00.000Z",
  experiments: [
    {
      key: "bench-banner",
      changeId: "bench-banner-change",
      status: "running",
      hashAttribute: "id",
      hashVersion: 2,
      coverage: 1,
      weights: [0, 1],
      urlPatterns: [{ include: true, type: "simple", pattern: "/*" }],
      variations: [
        {},
        { domMutations: [{ selector: "body", action: "append", attribute: "html", value: BANNER_HTML }] },
      ],
    },
  ],
};
