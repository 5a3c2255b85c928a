import { parseOr400 } from "../http/errors.ts";
import { readJson } from "../http/json.ts";
import { OUTCOME_HEADER } from "../http/names.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { visitorStub } from "../visitor/visitor-stub.ts";
import { IdentifyBody } from "./visitor-bodies.ts";

/**
 * POST /__waymark/identify {customerId} (waymark.identify): links this browser to a known customer, so journey
 * state follows the customer across devices; {customerId: null} unlinks (logout). Needs consent and a visitor.
 */
export async function postIdentify(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { customerId } = parseOr400(IdentifyBody, await readJson(request), "invalid identify");
  const { visitorId: id, mode } = requestVisitor(request, env);
  if (!id || mode !== "full")
    return Response.json(
      { linked: null, stored: false },
      { headers: { "cache-control": "no-store", [OUTCOME_HEADER]: mode } },
    );
  const version = (await getPublishedRuleset(env, ctx)).version;
  const r = await visitorStub(env, id).identify({ visitorId: id, version, customerId });
  return Response.json(r, { headers: { "cache-control": "no-store" } });
}
