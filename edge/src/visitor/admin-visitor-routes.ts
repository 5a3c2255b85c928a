import { EventsBody, parseDuration } from "@waymark/shared";
import { errorResponse, parseOr400, StatusError } from "../http/errors.ts";
import { readJson } from "../http/read-json.ts";
import type { WaymarkRouter } from "../router.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { postDecide } from "./post-decide.ts";
import { eventsOf } from "./events-of.ts";
import { INGEST_EVENTS_PER_MINUTE } from "./limits.ts";
import { rateLimited } from "./post-events.ts";
import { AdvanceTimeBody, IdentifyBody, TraitsBody } from "./visitor-api-bodies.ts";
import { json, visitorRoute } from "./visitor-route.ts";
import { visitorStub } from "./visitor-stub.ts";

const API = "/__waymark/api";

const isSandbox = (name: string) => name.startsWith("preview:");

/** Ruleset version a server-side call applies: the sandbox's own one, or the live one. */
async function liveVersion(env: Env, ctx: ExecutionContext, name: string): Promise<number | "draft"> {
  if (isSandbox(name)) {
    const me = await visitorStub(env, name).me(name);
    return me.rulesetVersion === null || me.rulesetVersion === 0 ? "draft" : me.rulesetVersion;
  }
  return (await getPublishedRuleset(env, ctx)).version;
}

/** Server-side events, traits, identity, time travel (QA), the admin visitor view and decide-with-trace. */
export function registerAdminVisitorRoutes(router: WaymarkRouter): void {
  router.post(
    `${API}/visitors/:visitorId/events`,
    visitorRoute("ingest", async (req, env, ctx, name) => {
      const events = eventsOf(parseOr400(EventsBody, await readJson(req), "invalid events"));
      const r = await visitorStub(env, name).onEvents({
        visitorId: name,
        sandbox: isSandbox(name),
        version: await liveVersion(env, ctx, name),
        events,
        ratePerMinute: INGEST_EVENTS_PER_MINUTE,
      });
      if (!r.ok) throw rateLimited(r.retryAfterSeconds);
      return json({ accepted: r.accepted, actions: r.actions });
    }),
  );

  router.post(
    `${API}/visitors/:visitorId/traits`,
    visitorRoute("ingest", async (req, env, ctx, name) => {
      const traits = parseOr400(TraitsBody, await readJson(req), "invalid traits");
      const r = await visitorStub(env, name).setTraits({
        visitorId: name,
        sandbox: isSandbox(name),
        version: await liveVersion(env, ctx, name),
        traits,
      });
      if (!r.ok) throw rateLimited(r.retryAfterSeconds);
      const me = await visitorStub(env, name).me(name);
      return json({ traits: me.traits ?? {} });
    }),
  );

  router.post(
    `${API}/visitors/:visitorId/identify`,
    visitorRoute("ingest", async (req, env, ctx, name) => {
      const { customerId } = parseOr400(IdentifyBody, await readJson(req), "invalid identify");
      const r = await visitorStub(env, name).identify({
        visitorId: name,
        version: await liveVersion(env, ctx, name),
        customerId,
      });
      return json(r);
    }),
  );

  router.post(
    `${API}/visitors/:visitorId/advance-time`,
    visitorRoute("admin", async (req, env, _ctx, name) => {
      const { by } = parseOr400(AdvanceTimeBody, await readJson(req), "invalid advance-time");
      const r = await visitorStub(env, name).advanceTime({
        visitorId: name,
        sandbox: isSandbox(name),
        byMs: parseDuration(by),
      });
      if (!r.state) throw new StatusError(404, "visitor not found");
      return json({ by, changes: r.changes, state: r.state });
    }),
  );

  router.get(
    `${API}/visitors/:visitorId`,
    visitorRoute("admin", async (_req, env, _ctx, name) => {
      const view = await visitorStub(env, name).adminView(name);
      if (!view.stored) return errorResponse(404, "visitor not found");
      return json(view);
    }),
  );

  router.post(
    `${API}/decide`,
    visitorRoute("admin", (req, env, ctx) => postDecide(req, env, ctx)),
  );
}
