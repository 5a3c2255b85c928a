import { PublishRequest, RollbackRequest } from "@waymark/shared/schemas/api.ts";
import { z } from "zod";
import { getConfig } from "../../config.ts";
import { parseOr400 } from "../../http/errors.ts";
import { readJson } from "../../http/json.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { json, readOptionalJson } from "../../http/json.ts";
import { principalOf, queryParam, type WaymarkRouter } from "../../http/route-request.ts";
import { refuseOffSiteRedirectsInDrafts } from "./site-hosts.ts";
import { unwrap } from "./unwrap.ts";

const API = "/__waymark/api";

const VersionNumber = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A version reference in a query: a number, "live" or "draft". */
const VersionRef = z.union(
  [
    z.enum(["live", "draft"]),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ],
  { error: 'must be a version number, "live" or "draft"' },
);

/** Publishing, version history, diffs and rollback. */
export function registerVersionRoutes(router: WaymarkRouter): void {
  router.post(`${API}/publish`, async (req, env) => {
    const body = parseOr400(PublishRequest, await readOptionalJson(req));
    await refuseOffSiteRedirectsInDrafts(req, env);
    // The role table lets only an admin publish directly while approvals are required: audited as such.
    const unapproved = getConfig(env).requireApproval;
    return json(unwrap(await rulesStore(env).publish(body.note, principalOf(req).label, unapproved)), 201);
  });

  router.get(`${API}/versions`, async (_req, env) => json(await rulesStore(env).listVersions()));

  router.get(`${API}/versions/:version`, async (req, env) => {
    const store = rulesStore(env);
    const raw = req.params.version;
    const version =
      raw === "live" ? (await store.listVersions()).live : parseOr400(VersionNumber, raw, "invalid version");
    return json(unwrap(await store.getVersion(version)));
  });

  router.get(`${API}/diff`, async (req, env) => {
    const q = parseOr400(
      z.object({ from: VersionRef.default("live"), to: VersionRef.default("draft") }),
      { from: queryParam(req, "from"), to: queryParam(req, "to") },
      "invalid query",
    );
    return json(unwrap(await rulesStore(env).diff(q.from, q.to)));
  });

  router.post(`${API}/rollback`, async (req, env) => {
    const body = parseOr400(RollbackRequest, await readJson(req));
    return json(unwrap(await rulesStore(env).rollback(body.version, principalOf(req).label)), 201);
  });
}
