import { createRouter, handlePage, isReserved } from "./router.ts";
import { errorResponse } from "./http/errors.ts";

export { VisitorJourney } from "./visitor/visitor-journey.ts";
export { RulesStore } from "./rules/rules-store.ts";
export { StatsShard } from "./stats/stats-shard.ts";

const router = createRouter();

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (!isReserved(pathname)) return handlePage(request, env, ctx);
    const res = await router.fetch(request, env, ctx);
    return res ?? errorResponse(404, "not found");
  },
} satisfies ExportedHandler<Env>;
