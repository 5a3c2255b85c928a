import { z } from "zod";
import { parseOr400 } from "../../http/errors.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { json } from "../../http/json.ts";
import { queryParam, type WaymarkRouter } from "../../http/route-request.ts";

const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

/** The audit log: who changed what and when (actor = the label of the admin token used). */
export function registerAuditRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/api/audit", async (req, env) => {
    const q = parseOr400(AuditQuery, { limit: queryParam(req, "limit") }, "invalid query");
    return json({ entries: await rulesStore(env).audit(q.limit) });
  });
}
