import { SELF } from "cloudflare:test";
import { compileRuleset, assignBranch, type JourneyInput, type VisitorEvent } from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { api } from "./admin-api.ts";
import { freshVisitorId, SITE } from "./edge.ts";

/** POST /__waymark/events as the beacon on a page of the site would (same-origin, with the visitor's cookie). */
export async function sendEvents(
  cookie: string,
  events: VisitorEvent[],
  opts: { headers?: Record<string, string>; page?: string } = {},
): Promise<Response> {
  return SELF.fetch(`${SITE}/__waymark/events`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, referer: `${SITE}${opts.page ?? "/"}`, ...opts.headers },
    body: JSON.stringify({ events }),
  });
}

/** Jumps a visitor's clock forward (admin API): stored times shift back, due transitions run. */
export async function advanceTime(visitorId: string, by: string) {
  const r = await api("POST", `/visitors/${visitorId}/advance-time`, { by });
  if (r.status !== 200) throw new Error(`advance-time: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const seed = compileRuleset({ version: 1, journeys: SEED_JOURNEYS });

/** A fresh visitor id whose sticky assignment in a seed journey satisfies `want` (e.g. not in the holdout). */
export function visitorInSeed(
  journey: string,
  want: (a: { branch: string | null; holdout: boolean }) => boolean,
): string {
  const j = seed.byId.get(journey)!;
  for (let i = 0; i < 1_000; i++) {
    const id = freshVisitorId();
    if (want(assignBranch(id, j))) return id;
  }
  throw new Error("no visitor id found");
}

/**
 * Saves journeys as drafts and publishes them (with whatever else is drafted). Call it before the file's first
 * page request: each isolate caches the live version for a few seconds.
 */
export async function publishJourneys(journeys: JourneyInput[]): Promise<number> {
  for (const j of journeys) {
    const put = await api("PUT", `/journeys/${j.id}`, j);
    if (put.status !== 200 && put.status !== 201)
      throw new Error(`PUT ${j.id}: ${put.status} ${JSON.stringify(put.body)}`);
  }
  const pub = await api("POST", "/publish", {});
  if (pub.status !== 200 && pub.status !== 201) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
  return pub.body.version;
}

/** A journey that shows `html` at the top of every page from a visitor's first view (no events needed). */
export function bannerJourney(id: string, html: string, extra: Partial<JourneyInput> = {}): JourneyInput {
  return {
    id,
    name: `Banner ${id}`,
    priority: 100,
    stages: [{ id: "on" }],
    start: "on",
    actions: [{ id: "top", type: "insert", selector: "body", position: "prepend", html }],
    ...extra,
  };
}
