import { QaResultInput } from "@waymark/shared/schemas/qa.ts";
import { Slug } from "@waymark/shared/schemas/id.ts";
import { z } from "zod";
import { parseOr400 } from "../../http/errors.ts";
import { readJson } from "../../http/json.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { json } from "../../http/json.ts";
import { principalOf, queryParam, type WaymarkRouter } from "../../http/route-request.ts";
import { unwrap } from "./unwrap.ts";

/** A QA result may carry a screenshot of up to 400,000 characters, more than the default body limit. */
const QA_BODY_LIMIT = 512 * 1024;

/** QA verdicts per stage x branch, recorded by the extension (by = label of the admin token used). */
export function registerQaRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/api/qa", async (req, env) => {
    const q = parseOr400(z.object({ journey: Slug.optional() }), { journey: queryParam(req, "journey") });
    return json({ results: await rulesStore(env).listQa(q.journey ?? null) });
  });

  router.post("/__waymark/api/qa", async (req, env) => {
    const body = await readJson(req, QA_BODY_LIMIT);
    parseOr400(QaResultInput, body, "invalid QA result");
    return json(unwrap(await rulesStore(env).recordQa(body, principalOf(req).label)), 201);
  });
}
