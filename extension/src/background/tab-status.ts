import { browser } from "wxt/browser";
import type { JourneyRecord } from "@waymark/shared/schemas/api.ts";
import { originPattern, sameOrigin } from "../lib/site-origin.ts";
import type { JourneySummary, TabStatus } from "../messaging/protocol.ts";
import { previewItem } from "../storage/items.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";
import { clientFor, requireSite, siteForUrl } from "./sites.ts";
import { tabPage } from "./tab-pages.ts";

/** GET /__waymark/health: is this origin served by Waymark? (Not an admin call: no token sent.) */
export async function isWaymark(origin: string, deps: Pick<BackgroundDeps, "fetch">): Promise<boolean> {
  try {
    // Uncached, as the API client's calls: a check must not queue behind an unanswered one for the same origin.
    const res = await deps.fetch(`${origin}/__waymark/health`, {
      headers: { accept: "application/json" },
      cache: "no-store",
    });
    if (!res.ok) return false;
    const body = (await res.json().catch(() => null)) as { service?: unknown } | null;
    return body?.service === "waymark";
  } catch {
    return false;
  }
}

export async function hasHostAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(origin)] }).catch(() => false);
}

/** Everything the side panel's header needs about one tab. */
export async function tabStatus(tabId: number, deps: BackgroundDeps): Promise<TabStatus> {
  const tab = await browser.tabs.get(tabId);
  if (!tab) throw new BackgroundError("no such tab");
  const url = tab.url ?? "";
  const site = await siteForUrl(url);
  const preview = await previewItem.get();
  const base = { tab: { id: tabId, url, title: tab.title ?? "" }, preview };
  if (!site) return { ...base, site: null, granted: false, waymark: null };
  const granted = await hasHostAccess(site.origin);
  const page = await tabPage(tabId);
  const healthy = granted ? await isWaymark(site.origin, deps) : false;
  return {
    ...base,
    site: { origin: site.origin, ...(site.label ? { label: site.label } : {}) },
    granted,
    waymark: granted ? { healthy, outcome: page && sameOrigin(page.url, site.origin) ? page.outcome : null } : null,
  };
}

export function summarize(r: JourneyRecord): JourneySummary {
  return {
    id: r.id,
    name: r.journey.name,
    status: r.status,
    dirty: r.dirty,
    publishedVersion: r.publishedVersion,
    priority: r.journey.priority,
    stages: r.journey.stages.map((s) => ({
      id: s.id,
      ...(s.name ? { name: s.name } : {}),
      ...(s.exit ? { exit: true } : {}),
    })),
    branches: r.journey.branches.map((b) => ({ id: b.id, weight: b.weight, ...(b.name ? { name: b.name } : {}) })),
  };
}

export async function listJourneys(origin: string, deps: BackgroundDeps): Promise<JourneySummary[]> {
  const { journeys } = await clientFor(await requireSite(origin), deps).listJourneys();
  return journeys.map(summarize);
}

/** The options page's "Test": reachable, served by Waymark, and the token accepted by the admin API. */
export async function checkSite(origin: string, deps: BackgroundDeps): Promise<{ healthy: boolean; journeys: number }> {
  const site = await requireSite(origin);
  const healthy = await isWaymark(site.origin, deps);
  const { journeys } = await clientFor(site, deps).listJourneys();
  return { healthy, journeys: journeys.length };
}
