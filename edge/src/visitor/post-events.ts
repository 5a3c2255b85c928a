import { EventsBody } from "@waymark/shared";
import { StatusError, errorResponse, parseOr400 } from "../http/errors.ts";
import { readJson } from "../http/read-json.ts";
import { parseCookies } from "../identity/parse-cookies.ts";
import { visitorCookie } from "../identity/visitor-cookie.ts";
import { newVisitorId, readVisitorId } from "../identity/visitor-id.ts";
import { hasPreviewToken } from "../page/has-preview-token.ts";
import { withBudget } from "../page/with-budget.ts";
import { readPreview } from "../preview/read-preview.ts";
import { privacyMode } from "../privacy/privacy-mode.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { eventsOf } from "./events-of.ts";
import { BEACON_EVENTS_PER_MINUTE } from "./limits.ts";
import { pageContextOf } from "./page-context-of.ts";
import { visitorStub } from "./visitor-stub.ts";
import type { OnEventsArgs, OnEventsResult } from "./visitor-rpc.ts";

const NO_STORE = { "cache-control": "no-store" };
/** How long the beacon's request waits for the visitor's object before hearing "not recorded, retry". */
const EVENTS_TIMEOUT_MS = 10_000;

/**
 * POST /__waymark/events (the beacon): records the events on the visitor's object and replies with the nudges
 * to show now. Opted-out or unconsented browsers get {accepted: 0} and nothing is stored. A failure to record is
 * a 503 with Retry-After (the beacon retries), never a silent drop.
 */
export async function postEvents(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const events = eventsOf(parseOr400(EventsBody, await readJson(request), "invalid events"));
  const cookies = parseCookies(request.headers.get("cookie"));
  const pageCtx = pageContextOf(request, cookies);
  const preview = hasPreviewToken(request, cookies) ? await readPreview(request, env).catch(() => null) : null;
  let name: string;
  let args: OnEventsArgs;
  let setCookie: string | null = null;
  if (preview) {
    name = `preview:${preview.jti}`;
    args = {
      visitorId: name,
      sandbox: true,
      version: preview.version,
      events,
      ctx: pageCtx,
      force: { journey: preview.journey, stage: preview.stage, branch: preview.branch },
      ratePerMinute: BEACON_EVENTS_PER_MINUTE,
    };
  } else {
    const mode = privacyMode(request, env, cookies);
    if (mode !== "full")
      return Response.json({ accepted: 0, actions: [] }, { headers: { ...NO_STORE, "x-waymark": mode } });
    const existing = readVisitorId(cookies);
    name = existing ?? newVisitorId();
    if (!existing) setCookie = visitorCookie(name, new URL(request.url), env);
    const rules = await getPublishedRuleset(env, ctx);
    args = {
      visitorId: name,
      version: rules.version,
      events,
      ctx: pageCtx,
      ratePerMinute: BEACON_EVENTS_PER_MINUTE,
    };
  }
  // A hung object must not hang the beacon: past the timeout the client retries (event ids make that safe).
  const call = await withBudget(
    visitorStub(env, name).onEvents(args) as Promise<OnEventsResult>,
    Date.now(),
    eventsTimeoutMs(env),
  );
  if (call.kind !== "ok")
    return errorResponse(503, "events not recorded, retry later", undefined, { "retry-after": "5" });
  const result: OnEventsResult = call.value;
  if (!result.ok) throw rateLimited(result.retryAfterSeconds);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("set-cookie", setCookie);
  return Response.json({ accepted: result.accepted, actions: result.actions }, { headers });
}

/** 429 with Retry-After (the router's catch keeps the headers of a StatusError). */
export function rateLimited(retryAfterSeconds: number): StatusError {
  const err = new StatusError(429, "too many events for this visitor, retry later");
  (err as StatusError & { headers?: HeadersInit }).headers = { "retry-after": String(retryAfterSeconds) };
  return err;
}

function eventsTimeoutMs(env: Env): number {
  const n = Number((env as Env & { EVENTS_TIMEOUT_MS?: string }).EVENTS_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : EVENTS_TIMEOUT_MS;
}
