import { PublishRequestCreate, PublishRequestDecision, PublishRequestStatus } from "@waymark/shared/schemas/access.ts";
import { z } from "zod";
import { getConfig } from "../../config.ts";
import { roleSatisfies } from "../../http/auth.ts";
import { errorResponse, parseOr400 } from "../../http/errors.ts";
import { json, readOptionalJson } from "../../http/json.ts";
import { principalOf, queryParam, type RouteRequest, type WaymarkRouter } from "../../http/route-request.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import type { StoreResult } from "../../rules/store-result.ts";
import { refuseOffSiteRedirectsInDrafts } from "./site-hosts.ts";
import { unwrap } from "./unwrap.ts";

const API = "/__waymark/api/publish-requests";

const ListQuery = z.object({
  status: PublishRequestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

function requestId(req: RouteRequest): number {
  return parseOr400(
    z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    req.params.id,
    "invalid request id",
  );
}

/** A refusal as its HTTP error; a 409 keeps its issues (what changed since the request). */
function answer<T>(r: StoreResult<T>, status = 200): Response {
  if (!r.ok && r.status === 409 && r.issues?.length) return errorResponse(409, r.error, r.issues);
  return json(unwrap(r), status);
}

/**
 * Publish requests (approvals): an editor asks for the drafts as they are to be published; a publisher other than
 * the requester approves (publishing exactly that snapshot) or rejects; the requester may withdraw. The role table
 * (route-roles.ts) says who may call each route; the store checks who made the request.
 */
export function registerPublishRequestRoutes(router: WaymarkRouter): void {
  router.get(API, async (req, env) => {
    const q = parseOr400(
      ListQuery,
      { status: queryParam(req, "status"), limit: queryParam(req, "limit") },
      "invalid query",
    );
    const requests = await rulesStore(env).listPublishRequests(q.status ?? null, q.limit);
    return json({ approvals: getConfig(env).requireApproval, requests });
  });

  router.post(API, async (req, env) => {
    const body = parseOr400(PublishRequestCreate, await readOptionalJson(req), "invalid publish request");
    await refuseOffSiteRedirectsInDrafts(req, env);
    return answer(await rulesStore(env).requestPublish(body.note || null, principalOf(req).label), 201);
  });

  router.post(`${API}/:id/approve`, async (req, env) => {
    const id = requestId(req);
    const body = parseOr400(PublishRequestDecision, await readOptionalJson(req), "invalid approval");
    await refuseOffSiteRedirectsInDrafts(req, env);
    return answer(await rulesStore(env).approvePublishRequest(id, principalOf(req).label, body.note || null), 201);
  });

  for (const [verb, how] of [
    ["reject", "rejected"],
    ["withdraw", "withdrawn"],
  ] as const)
    router.post(`${API}/:id/${verb}`, async (req, env) => {
      const id = requestId(req);
      const body = parseOr400(PublishRequestDecision, await readOptionalJson(req), `invalid ${verb}`);
      const { label, role } = principalOf(req);
      return answer(
        await rulesStore(env).closePublishRequest(id, how, label, body.note || null, roleSatisfies(role, "publisher")),
      );
    });
}
