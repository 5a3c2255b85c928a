import { SELF } from "cloudflare:test";
import { compileRuleset, assignBranch, type VisitorEvent } from "@waymark/shared";
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
