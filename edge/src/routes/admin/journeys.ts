import { unknownAudienceIssues } from "@waymark/shared/engine/audience-refs.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { Slug } from "@waymark/shared/schemas/id.ts";
import { z } from "zod";
import { parseOr400, StatusError, ValidationError } from "../../http/errors.ts";
import { readJson } from "../../http/json.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { json } from "../../http/json.ts";
import { principalOf, type RouteRequest, type WaymarkRouter } from "../../http/route-request.ts";
import { engineSelectorIssues } from "../../rewrite/engine-selector-issues.ts";
import { refuseOffSiteRedirects, siteHosts } from "./site-hosts.ts";
import { unwrap } from "./unwrap.ts";

const API = "/__waymark/api";

/** A journey body as the API accepts it: the schema (400 with paths), then checks that need the Worker itself. */
function checkJourney(body: unknown, req: RouteRequest, env: Env): void {
  const journey = parseOr400(Journey, body, "invalid journey");
  const issues = engineSelectorIssues(journey);
  if (issues.length) throw new ValidationError("invalid journey", issues);
  refuseOffSiteRedirects(body, req, env);
}

function journeyId(request: RouteRequest): string {
  return parseOr400(z.object({ id: Slug }), { id: request.params.id }, "invalid journey id").id;
}

/** Journeys (drafts): list, read, create/replace, delete, discard a draft, pause/resume, and validation without saving. */
export function registerJourneyRoutes(router: WaymarkRouter): void {
  router.get(`${API}/journeys`, async (req, env) => {
    const { journeys, corrupt } = await rulesStore(env).listJourneys();
    const site = { siteHosts: siteHosts(req, env) };
    return json(corrupt.length ? { journeys, corrupt, ...site } : { journeys, ...site });
  });

  router.get(`${API}/journeys/:id`, async (req, env) => json(unwrap(await rulesStore(env).getJourney(journeyId(req)))));

  router.put(`${API}/journeys/:id`, async (req, env) => {
    const id = journeyId(req);
    const body = await readJson(req);
    const bodyId = body && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
    if (bodyId !== undefined && bodyId !== id)
      throw new ValidationError("journey id does not match the path", [
        { path: ["id"], message: `must be "${id}", the id in the path` },
      ]);
    checkJourney(body, req, env);
    const { record, created } = unwrap(await rulesStore(env).putJourney(body, principalOf(req).label));
    return json(record, created ? 201 : 200);
  });

  router.delete(`${API}/journeys/:id`, async (req, env) => {
    const id = journeyId(req);
    if (!(await rulesStore(env).deleteJourney(id, principalOf(req).label)))
      throw new StatusError(404, `no journey "${id}"`);
    return json({ deleted: true });
  });

  // One journey's unpublished edits thrown away (the draft becomes its live version again), not a rollback of all.
  router.delete(`${API}/journeys/:id/draft`, async (req, env) =>
    json(unwrap(await rulesStore(env).discardDraft(journeyId(req), principalOf(req).label))),
  );

  for (const [verb, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const)
    router.post(`${API}/journeys/:id/${verb}`, async (req, env) =>
      json(unwrap(await rulesStore(env).setPaused(journeyId(req), paused, principalOf(req).label))),
    );

  router.post(`${API}/validate`, async (req, env) => {
    const body = await readJson(req);
    checkJourney(body, req, env);
    // As PUT does (in the store): every saved audience the journey uses must exist.
    const { audiences } = await rulesStore(env).listAudiences();
    const missing = unknownAudienceIssues(body, new Set(audiences.map((a) => a.id)));
    if (missing.length)
      throw new ValidationError(
        "invalid journey",
        missing.map(({ path, message }) => ({ path, message })),
      );
    return json({ ok: true });
  });
}
