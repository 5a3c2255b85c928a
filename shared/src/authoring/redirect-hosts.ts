import { isSameSiteUrl } from "../engine/is-same-site-url.ts";

export interface RedirectIssue {
  path: (string | number)[];
  message: string;
}

/** The host of a site URL (ORIGIN_URL), or null when it is empty or not a URL (the site's host is then unknown). */
export function hostOf(siteUrl: string): string | null {
  if (!siteUrl.trim()) return null;
  try {
    const u = new URL(siteUrl);
    return u.protocol === "https:" || u.protocol === "http:" ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Write-time check of redirect actions against the site's hosts: a path ("/pricing") or an absolute URL on one of
 * `hosts` passes; an absolute URL elsewhere ("https://evil.example.com/phish") is an issue at `actions.N.url`. The
 * engine never follows an off-site redirect anyway (decide-journey.ts), so this only says so while authoring.
 * `hosts` null = the site's host is unknown: nothing is refused (the dashboard warns instead, see
 * `redirectNeedsHostCheck`).
 */
export function offSiteRedirects(journey: unknown, hosts: readonly string[] | null): RedirectIssue[] {
  if (!hosts?.length || !journey || typeof journey !== "object") return [];
  const actions = (journey as { actions?: unknown }).actions;
  if (!Array.isArray(actions)) return [];
  const issues: RedirectIssue[] = [];
  actions.forEach((a, i) => {
    const url = (a as { type?: unknown; url?: unknown } | null)?.url;
    if ((a as { type?: unknown } | null)?.type !== "redirect" || typeof url !== "string" || !url) return;
    if (hosts.some((h) => isSameSiteUrl(url, h))) return;
    issues.push({
      path: ["actions", i, "url"],
      message: `must be a path on this site (like /pricing) or a URL on ${hosts[0]}: a redirect never leaves the site`,
    });
  });
  return issues;
}

/** An absolute redirect URL whose host cannot be checked (site host unknown): worth a warning, not a refusal. */
export function redirectNeedsHostCheck(url: unknown): boolean {
  return typeof url === "string" && url !== "" && !url.startsWith("/");
}
