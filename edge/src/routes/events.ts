import { EventsBody, SERVER_ONLY_EVENT_TYPES, type RequestContext, type VisitorEvent } from "@waymark/shared";
import { getConfig } from "../config.ts";
import { errorResponse, parseOr400, StatusError, ValidationError } from "../http/errors.ts";
import { readJson } from "../http/json.ts";
import { OUTCOME_HEADER } from "../http/names.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { visitorCookie } from "../identity/visitor-cookie.ts";
import { newVisitorId } from "../identity/visitor-id.ts";
import { hasPreviewToken } from "../page/has-preview-token.ts";
import { requestContext } from "../page/request-context.ts";
import { withBudget } from "../page/with-budget.ts";
import { readPreview } from "../preview/read-preview.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { BEACON_EVENTS_PER_MINUTE, type OnEventsArgs, type OnEventsResult } from "../visitor/visitor-rpc.ts";
import { previewSandboxName, visitorStub } from "../visitor/visitor-stub.ts";

const NO_STORE = { "cache-control": "no-store" };

/**
 * POST /__waymark/events (the beacon): records the events on the visitor's object and replies with the nudges
 * to show now. Opted-out or unconsented browsers get {accepted: 0} and nothing is stored. A failure to record is
 * a 503 with Retry-After (the beacon retries), never a silent drop.
 */
export async function postEvents(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const body = parseOr400(EventsBody, await readJson(request), "invalid events");
  const events = eventsOf(body);
  refuseServerOnly(events, "events" in body);
  const who = requestVisitor(request, env);
  const pageCtx = pageContextOf(request, who.cookies);
  const preview = hasPreviewToken(request, who.cookies)
    ? await readPreview(request, env, who.cookies).catch(() => null)
    : null;
  let name: string;
  let args: OnEventsArgs;
  let setCookie: string | null = null;
  if (preview) {
    name = previewSandboxName(preview.jti);
    args = {
      visitorId: name,
      sandbox: true,
      version: preview.version,
      events,
      ctx: pageCtx,
      force: { journey: preview.journey, stage: preview.stage, branch: preview.branch },
      ratePerMinute: BEACON_EVENTS_PER_MINUTE,
      source: "browser",
    };
  } else {
    if (who.mode !== "full")
      return Response.json({ accepted: 0, actions: [] }, { headers: { ...NO_STORE, [OUTCOME_HEADER]: who.mode } });
    name = who.visitorId ?? newVisitorId();
    if (!who.visitorId) setCookie = visitorCookie(name, new URL(request.url), env);
    const rules = await getPublishedRuleset(env, ctx, new URL(request.url).origin);
    args = {
      visitorId: name,
      version: rules.version,
      events,
      ctx: pageCtx,
      ratePerMinute: BEACON_EVENTS_PER_MINUTE,
      source: "browser",
      globalHoldout: getConfig(env).globalHoldout,
    };
  }
  // A hung object must not hang the beacon: past the timeout the client retries (event ids make that safe).
  const call = await withBudget(
    visitorStub(env, name).onEvents(args) as Promise<OnEventsResult>,
    Date.now(),
    getConfig(env).eventsTimeoutMs,
  );
  if (call.kind !== "ok")
    return errorResponse(503, "events not recorded, retry later", undefined, { "retry-after": "5" });
  const result: OnEventsResult = call.value;
  if (!result.ok) throw rateLimited(result.retryAfterSeconds);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("set-cookie", setCookie);
  return Response.json({ accepted: result.accepted, actions: result.actions }, { headers });
}

/**
 * Traits and the customer id are trusted by `trait` conditions and {{traits.*}} templates, so they come from the
 * site's backend only: a browser sending a reserved type gets a 400 naming them (nothing of the batch is stored).
 */
function refuseServerOnly(events: VisitorEvent[], batch: boolean): void {
  const issues = events.flatMap((e, i) =>
    SERVER_ONLY_EVENT_TYPES.includes(e.type)
      ? [
          {
            path: batch ? ["events", i, "type"] : ["type"],
            message: `"${e.type}" is reserved for your backend (reserved types: ${SERVER_ONLY_EVENT_TYPES.join(", ")}): use POST /__waymark/api/visitors/:visitorId/traits or /identify with the ingest token, or waymark.identify(customerId, token)`,
          },
        ]
      : [],
  );
  if (issues.length) throw new ValidationError("reserved event types: browsers may not send them", issues);
}

/** The events of a body: one event, or a batch. */
export function eventsOf(body: EventsBody): VisitorEvent[] {
  return "events" in body ? body.events : [body];
}

/** 429 with Retry-After (the router's catch keeps the headers of a StatusError). */
export function rateLimited(retryAfterSeconds: number): StatusError {
  const err = new StatusError(429, "too many events for this visitor, retry later");
  (err as StatusError & { headers?: HeadersInit }).headers = { "retry-after": String(retryAfterSeconds) };
  return err;
}

/**
 * The context of the page a beacon event comes from: its Referer when on this site (the beacon posts from the
 * page), else the site root. Nudges decided in reply use the page's path, query and cookies.
 */
function pageContextOf(request: Request, cookies: Record<string, string>): RequestContext {
  const self = new URL(request.url);
  let page = new URL("/", self);
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const r = new URL(referer);
      if (r.host === self.host) page = r;
    } catch {
      // not a URL: keep the root
    }
  }
  const ctx = requestContext(request, page, cookies);
  return { ...ctx, referrer: null };
}
