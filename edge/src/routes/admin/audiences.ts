import { Slug } from "@waymark/shared/schemas/id.ts";
import { z } from "zod";
import { parseOr400, ValidationError } from "../../http/errors.ts";
import { json, readJson } from "../../http/json.ts";
import { principalOf, type RouteRequest, type WaymarkRouter } from "../../http/route-request.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { unwrap } from "./unwrap.ts";

const API = "/__waymark/api";

function audienceId(request: RouteRequest): string {
  return parseOr400(z.object({ id: Slug }), { id: request.params.id }, "invalid audience id").id;
}

/**
 * Saved audiences (drafts, published with the journeys by POST /publish): list, read, create/replace, delete.
 * The store validates (400 with paths, references included) and refuses deleting one in use (409).
 */
export function registerAudienceRoutes(router: WaymarkRouter): void {
  router.get(`${API}/audiences`, async (_req, env) => {
    const { audiences, corrupt } = await rulesStore(env).listAudiences();
    return json(corrupt.length ? { audiences, corrupt } : { audiences });
  });

  router.get(`${API}/audiences/:id`, async (req, env) =>
    json(unwrap(await rulesStore(env).getAudience(audienceId(req)))),
  );

  router.put(`${API}/audiences/:id`, async (req, env) => {
    const id = audienceId(req);
    const body = await readJson(req);
    const bodyId = body && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
    if (bodyId !== undefined && bodyId !== id)
      throw new ValidationError("audience id does not match the path", [
        { path: ["id"], message: `must be "${id}", the id in the path` },
      ]);
    const withId = body && typeof body === "object" && !Array.isArray(body) ? { ...body, id } : body;
    const { record, created } = unwrap(await rulesStore(env).putAudience(withId, principalOf(req).label));
    return json(record, created ? 201 : 200);
  });

  router.delete(`${API}/audiences/:id`, async (req, env) => {
    unwrap(await rulesStore(env).deleteAudience(audienceId(req), principalOf(req).label));
    return json({ deleted: true });
  });
}
