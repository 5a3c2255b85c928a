import { EventsBody, parseDuration } from "@waymark/shared";
import { errorResponse, parseOr400, StatusError } from "../../http/errors.ts";
import { json, readJson } from "../../http/json.ts";
import type { RouteRequest, WaymarkRouter } from "../../http/route-request.ts";
import { getPublishedRuleset } from "../../rules/published-ruleset.ts";
import { INGEST_EVENTS_PER_MINUTE } from "../../visitor/visitor-rpc.ts";
import { isPreviewSandbox, visitorStub } from "../../visitor/visitor-stub.ts";
import { eventsOf, rateLimited } from "../events.ts";
import { identifyRefused } from "../identify.ts";
import { AdvanceTimeBody, ServerIdentifyBody, TraitsBody, VisitorName } from "../visitor-bodies.ts";
import { postDecide } from "./decide.ts";

const API = "/__waymark/api";

/** The visitor object named in the path (a visitor id, "preview:<jti>" or "customer:<id>"), validated. */
function visitorName(request: RouteRequest): string {
  return parseOr400(VisitorName, decodeParam(request.params.visitorId ?? ""), "invalid visitor id");
}

function decodeParam(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Ruleset version a server-side call applies: the sandbox's own one, or the live one. */
async function liveVersion(env: Env, ctx: ExecutionContext, name: string): Promise<number | "draft"> {
  if (isPreviewSandbox(name)) {
    const me = await visitorStub(env, name).me(name);
    return me.rulesetVersion === null || me.rulesetVersion === 0 ? "draft" : me.rulesetVersion;
  }
  return (await getPublishedRuleset(env, ctx)).version;
}

/**
 * Server-side events, traits, identity, time travel (QA), the admin visitor view and decide-with-trace. The router
 * checks the token (the ingest token is enough for events, traits and identify) and answers an unknown failure,
 * which here is the visitor's object failing, with 503 + Retry-After.
 */
export function registerAdminVisitorRoutes(router: WaymarkRouter): void {
  router.post(`${API}/visitors/:visitorId/events`, async (req, env, ctx) => {
    const name = visitorName(req);
    const events = eventsOf(parseOr400(EventsBody, await readJson(req), "invalid events"));
    const r = await visitorStub(env, name).onEvents({
      visitorId: name,
      sandbox: isPreviewSandbox(name),
      version: await liveVersion(env, ctx, name),
      events,
      ratePerMinute: INGEST_EVENTS_PER_MINUTE,
      source: "server",
    });
    if (!r.ok) throw rateLimited(r.retryAfterSeconds);
    return json({ accepted: r.accepted, actions: r.actions });
  });

  router.post(`${API}/visitors/:visitorId/traits`, async (req, env, ctx) => {
    const name = visitorName(req);
    const traits = parseOr400(TraitsBody, await readJson(req), "invalid traits");
    const r = await visitorStub(env, name).setTraits({
      visitorId: name,
      sandbox: isPreviewSandbox(name),
      version: await liveVersion(env, ctx, name),
      traits,
    });
    if (!r.ok) throw rateLimited(r.retryAfterSeconds);
    const me = await visitorStub(env, name).me(name);
    return json({ traits: me.traits ?? {} });
  });

  router.post(`${API}/visitors/:visitorId/identify`, async (req, env, ctx) => {
    const name = visitorName(req);
    const { customerId } = parseOr400(ServerIdentifyBody, await readJson(req), "invalid identify");
    const r = await visitorStub(env, name).identify({
      visitorId: name,
      version: await liveVersion(env, ctx, name),
      customerId,
      // The backend holds the ingest token: its word is the proof, and its links do not expire.
      proof: { via: "server", expiresAt: null },
      ratePerMinute: INGEST_EVENTS_PER_MINUTE,
    });
    if (!r.ok) throw identifyRefused(r);
    return json({ linked: r.linked, accepted: r.accepted });
  });

  router.post(`${API}/visitors/:visitorId/advance-time`, async (req, env) => {
    const name = visitorName(req);
    const { by } = parseOr400(AdvanceTimeBody, await readJson(req), "invalid advance-time");
    const r = await visitorStub(env, name).advanceTime({
      visitorId: name,
      sandbox: isPreviewSandbox(name),
      byMs: parseDuration(by),
    });
    if (!r.state) throw new StatusError(404, "visitor not found");
    return json({ by, changes: r.changes, state: r.state });
  });

  router.get(`${API}/visitors/:visitorId`, async (req, env) => {
    const name = visitorName(req);
    const view = await visitorStub(env, name).adminView(name);
    if (!view.stored) return errorResponse(404, "visitor not found");
    return json(view);
  });

  router.post(`${API}/decide`, postDecide);
}
