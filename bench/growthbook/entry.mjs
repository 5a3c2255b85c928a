// GrowthBook's edge app exactly as its README deploys it on Cloudflare Workers (the peer row).
import { handleRequest } from "@growthbook/edge-cloudflare";

export default {
  fetch: (request, env) => handleRequest(request, env),
};
