import { WaymarkClient } from "@waymark/shared/client/waymark-client.ts";
import { sameOrigin } from "../lib/site-origin.ts";
import { sitesItem } from "../storage/items.ts";
import type { Site } from "../storage/schemas.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";

/** The configured site serving `url`, if any. */
export async function siteForUrl(url: string | undefined): Promise<Site | null> {
  if (!url) return null;
  const sites = await sitesItem.get();
  return sites.find((s) => sameOrigin(url, s.origin)) ?? null;
}

/** The configured site with this origin, or a refusal telling the marketer to add it. */
export async function requireSite(origin: string): Promise<Site> {
  const sites = await sitesItem.get();
  const site = sites.find((s) => s.origin === origin);
  if (!site) throw new BackgroundError(`${origin} is not a configured Waymark site: add it in the options`);
  return site;
}

/** The typed admin API client for a site: the only way the extension talks to Waymark's API. */
export function clientFor(site: Site, deps: Pick<BackgroundDeps, "fetch">): WaymarkClient {
  return new WaymarkClient({ baseUrl: site.origin, token: site.token, fetch: deps.fetch });
}
