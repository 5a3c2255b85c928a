import type { AppliedAction, PageManifest } from "@waymark/shared";
import { exportsExposures } from "@waymark/shared/schemas/manifest.ts";
import { isSameSiteUrl } from "@waymark/shared/engine/is-same-site-url.ts";
import { getConfig } from "../config.ts";
import type { PageDecision } from "../visitor/visitor-rpc.ts";
import type { WaymarkOutcome } from "./page-headers.ts";
import type { PageOutcome } from "./start-decision.ts";
import type { Budgeted } from "./with-budget.ts";

/** What one page view comes to, whether the edge rewrites the page (finishPage) or an SPA changes route (navigate). */
export interface PageAnswer {
  /** The X-Waymark outcome. */
  label: WaymarkOutcome;
  decision: PageDecision | null;
  preview: boolean;
  /** Where to send the visitor instead: same site, and not the page itself (else null). */
  redirect: { url: string; status: number } | null;
  /** For the beacon: the page actions (applied), nudges, click rules. */
  manifest: PageManifest;
}

/** The answer for `page` (the URL viewed) from its decision, or from its absence (timeout, error, opted out). */
export function pageAnswer(outcome: Budgeted<PageOutcome>, page: URL, env: Env): PageAnswer {
  let decision: PageDecision | null = null;
  let preview = false;
  let version = 0;
  if (outcome.kind === "ok") {
    if (outcome.value.kind === "decided") {
      decision = outcome.value.decision;
      preview = outcome.value.preview;
      version = decision.version;
    } else if (outcome.value.kind === "skipped") version = outcome.value.version;
  }
  const label: WaymarkOutcome =
    outcome.kind !== "ok"
      ? outcome.kind
      : outcome.value.kind === "optout"
        ? "optout"
        : preview
          ? "preview"
          : decision?.actions.length
            ? "personalized"
            : "passthrough";

  const applied: AppliedAction[] = [];
  const nudges: AppliedAction[] = [];
  for (const a of decision?.actions ?? []) {
    if (a.action.type === "nudge") nudges.push(a);
    else if (a.action.type !== "redirect") applied.push(a);
  }
  const { beacon: config, consent } = getConfig(env);
  const extras = decision?.extras;
  const manifest: PageManifest = {
    version,
    applied,
    nudges,
    config,
    ...(preview ? { preview: true } : {}),
    ...(extras?.track ? { track: extras.track } : {}),
    // Only for an export the site switched on (never on a preview: QA must not reach the site's analytics).
    ...(extras?.exposures && !preview && exportsExposures(config) ? { exposures: extras.exposures } : {}),
    // The beacon reports the page's consent frameworks only where they decide something.
    ...(consent.required ? { consent: true } : {}),
  };
  const redirect = decision?.redirect && isSafeRedirect(decision.redirect.url, page) ? decision.redirect : null;
  return { label, decision, preview, redirect, manifest };
}

/** Same site, and not the page itself (a redirect to where the visitor already is would loop). */
function isSafeRedirect(url: string, current: URL): boolean {
  if (!isSameSiteUrl(url, current.host)) return false;
  const target = new URL(url, current);
  return target.pathname !== current.pathname || target.search !== current.search;
}
