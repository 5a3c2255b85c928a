import { hostOf, offSiteRedirects } from "@waymark/shared/authoring/redirect-hosts.ts";
import { getConfig } from "../../config.ts";
import { ValidationError } from "../../http/errors.ts";
import { rulesStore } from "../../rules/rules-stub.ts";

/**
 * The hosts a journey's redirects may name, or null when the site's host is unknown (ORIGIN_URL empty: the demo
 * shop, or not a URL). With ORIGIN_URL set, its host and the host this Worker answers on (the public one, which often
 * differs from the origin's) are both the site.
 */
export function siteHosts(request: Request, env: Env): string[] | null {
  const origin = hostOf(getConfig(env).originUrl);
  if (!origin) return null;
  const own = new URL(request.url).host.toLowerCase();
  return own === origin ? [origin] : [origin, own];
}

/** 400 at `actions.N.url` for a journey (PUT, validate) whose redirect leaves the site. */
export function refuseOffSiteRedirects(journey: unknown, request: Request, env: Env): void {
  const issues = offSiteRedirects(journey, siteHosts(request, env));
  if (issues.length) throw new ValidationError("invalid journey", issues);
}

/** 400 at `journeys.ID.actions.N.url` when a draft about to be published redirects off the site. */
export async function refuseOffSiteRedirectsInDrafts(request: Request, env: Env): Promise<void> {
  const hosts = siteHosts(request, env);
  if (!hosts) return;
  const { ruleset } = await rulesStore(env).getDrafts();
  const issues = ruleset.journeys.flatMap((j) =>
    offSiteRedirects(j, hosts).map((i) => ({ ...i, path: ["journeys", j.id, ...i.path] })),
  );
  if (issues.length) throw new ValidationError("the drafts do not form a valid ruleset; nothing was published", issues);
}
