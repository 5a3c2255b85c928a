import { getModels } from "../../models/model-cache.ts";
import { newVisitorState, pageView, type DecideResult } from "@waymark/shared";
import { channelJourneys } from "../../channels/channel-journey.ts";
import { parseOr400, StatusError } from "../../http/errors.ts";
import { getConfig } from "../../config.ts";
import { parseCookies } from "../../http/cookies.ts";
import { json, readJson } from "../../http/json.ts";
import { newVisitorId } from "../../identity/visitor-id.ts";
import { requestContext } from "../../page/request-context.ts";
import { verifyPreviewToken } from "../../preview/preview-token.ts";
import { getPublishedRuleset, loadRuleset } from "../../rules/published-ruleset.ts";
import { DecideBody } from "../visitor-bodies.ts";
import type { ForceSpec, RulesetRef } from "../../visitor/visitor-rpc.ts";
import { visitorStub } from "../../visitor/visitor-stub.ts";

/**
 * POST /__waymark/api/decide: what a URL would get for a visitor (stored state, read only) or a fresh one, with the
 * full trace. Nothing is written: the same visit as a real page (due transitions, page view, decision) on a copy.
 * `journeys` says per journey the visitor is in what another channel needs to stay consistent with the site (stage,
 * branch, the rendered content of the actions the page got, the offer).
 */
export async function postDecide(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const body = parseOr400(DecideBody, await readJson(request), "invalid decide request");
  const url = new URL(body.url);
  const headers = new Headers(body.headers ?? {});
  const fake = new Request(url, { headers });
  const reqCtx = requestContext(fake, url, parseCookies(headers.get("cookie")));

  let ref: RulesetRef | null = null;
  let force: ForceSpec | undefined;
  if (typeof body.preview === "string") {
    const claims = await verifyPreviewToken(body.preview, getConfig(env).previewSecret, {
      now: Date.now(),
      host: url.host,
    });
    if (!claims) throw new StatusError(400, "invalid or expired preview token");
    ref = claims.version;
    force = { journey: claims.journey, stage: claims.stage, branch: claims.branch };
  } else if (body.preview) {
    ref = body.preview.version ?? "draft";
    force = { journey: body.preview.journey, stage: body.preview.stage, branch: body.preview.branch };
  }
  const rules = ref === null ? await getPublishedRuleset(env, ctx) : await loadRuleset(env, ref);

  const now = Date.now();
  const stored = body.visitorId ? await visitorStub(env, body.visitorId).peek() : null;
  const state = stored ?? newVisitorState(body.visitorId ?? newVisitorId(), now);
  // The page view a real request would record, on a copy: the visit's new state is dropped.
  const visit = pageView(state, rules, reqCtx, {
    now,
    force,
    globalHoldout: getConfig(env).globalHoldout,
    models: getModels(env, rules, (p) => ctx.waitUntil(p)),
  });
  const result: DecideResult = {
    ...visit.decision,
    journeys: channelJourneys(visit.decision, new Set(Object.keys(visit.state.journeys))),
  };
  return json(result);
}
