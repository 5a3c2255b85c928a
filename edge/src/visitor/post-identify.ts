import { parseOr400 } from "../http/errors.ts";
import { readJson } from "../http/read-json.ts";
import { parseCookies } from "../identity/parse-cookies.ts";
import { readVisitorId } from "../identity/visitor-id.ts";
import { privacyMode } from "../privacy/privacy-mode.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { IdentifyBody } from "./visitor-api-bodies.ts";
import { visitorStub } from "./visitor-stub.ts";

/**
 * POST /__waymark/identify {customerId} (waymark.identify): links this browser to a known customer, so journey
 * state follows the customer across devices; {customerId: null} unlinks (logout). Needs consent and a visitor.
 */
export async function postIdentify(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { customerId } = parseOr400(IdentifyBody, await readJson(request), "invalid identify");
  const cookies = parseCookies(request.headers.get("cookie"));
  const id = readVisitorId(cookies);
  const mode = privacyMode(request, env, cookies);
  if (!id || mode !== "full")
    return Response.json(
      { linked: null, stored: false },
      { headers: { "cache-control": "no-store", "x-waymark": mode } },
    );
  const version = (await getPublishedRuleset(env, ctx)).version;
  const r = await visitorStub(env, id).identify({ visitorId: id, version, customerId });
  return Response.json(r, { headers: { "cache-control": "no-store" } });
}
