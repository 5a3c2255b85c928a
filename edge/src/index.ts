import { consumeExport } from "./export/consume-export.ts";
import { createRouter, isReserved } from "./http/router.ts";
import { handlePage } from "./page/handle-page.ts";
import { registerRoutes } from "./routes/register-routes.ts";

export { VisitorJourney } from "./visitor/object/visitor-journey.ts";
export { RulesStore } from "./rules/object/rules-store.ts";
export { StatsShard } from "./stats/object/stats-shard.ts";
export { OfferModel } from "./models/object/offer-model.ts";

const router = registerRoutes(createRouter());

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (!isReserved(pathname)) return handlePage(request, env, ctx);
    return router.fetch(request, env, ctx);
  },
  // The warehouse export's consumer (EXPORT_QUEUE -> EXPORT_BUCKET); only called when a queue consumer is configured.
  async queue(batch, env) {
    await consumeExport(batch, env);
  },
} satisfies ExportedHandler<Env>;
