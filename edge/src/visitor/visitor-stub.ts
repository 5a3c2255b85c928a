import type { VisitorJourney } from "./visitor-journey.ts";

/** The visitor's Durable Object (named by visitor id, or "preview:<jti>" for a preview sandbox). */
export function visitorStub(env: Env, name: string): DurableObjectStub<VisitorJourney> {
  return (env.VISITOR as DurableObjectNamespace<VisitorJourney>).getByName(name);
}
