import { Capability, type WhoAmI } from "@waymark/shared/schemas/access.ts";
import { getConfig } from "../../config.ts";
import { forbiddenMessage, neededRole, roleSatisfies } from "../../http/auth.ts";
import { json } from "../../http/json.ts";
import { principalOf, type WaymarkRouter } from "../../http/route-request.ts";
import { ROUTE_ROLES } from "./route-roles.ts";

/** The capability flags of a role, from the role table itself (the rows that name a capability). */
export function capabilitiesOf(
  role: WhoAmI["role"],
  requireApproval: boolean,
): { can: WhoAmI["can"]; why: WhoAmI["why"] } {
  const can = Object.fromEntries(Capability.options.map((c) => [c, false])) as WhoAmI["can"];
  const why: WhoAmI["why"] = {};
  for (const rule of Object.values(ROUTE_ROLES)) {
    if (!rule.capability) continue;
    const need = neededRole(rule, {}, requireApproval);
    can[rule.capability] = roleSatisfies(role, need);
    if (!can[rule.capability]) why[rule.capability] = forbiddenMessage(rule, need, role, requireApproval);
  }
  return { can, why };
}

/** GET /__waymark/api/whoami: the token's label and role, and what the dashboard may offer it. Any valid token. */
export function registerWhoamiRoute(router: WaymarkRouter): void {
  router.get("/__waymark/api/whoami", (req, env) => {
    const { label, role } = principalOf(req);
    const { requireApproval } = getConfig(env);
    const body: WhoAmI = { label, role, ...capabilitiesOf(role, requireApproval), approvals: requireApproval };
    return json(body);
  });
}
