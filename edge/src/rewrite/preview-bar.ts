import type { JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";

/**
 * The bar a colleague sees on a page opened from a shared preview link (the wm_preview cookie): what is forced, and a
 * link that stops the preview. A <details> element, so it folds away without any script (and under any CSP); inline
 * styles keep it out of the site's own stylesheet. The extension's own previews get none: its panel says it already.
 */
export function previewBar(trace: JourneyTrace[] | undefined): string {
  const forced = trace?.find((j) => j.forced);
  const what = forced
    ? [
        `journey <b>${escapeHtml(forced.journey)}</b>`,
        ...(forced.stage ? [`stage <b>${escapeHtml(forced.stage)}</b>`] : []),
        ...(forced.holdout ? ["<b>holdout</b>"] : forced.branch ? [`branch <b>${escapeHtml(forced.branch)}</b>`] : []),
      ].join(" · ")
    : "a Waymark journey";
  return (
    `<details id="__waymark_preview_bar" open role="region" aria-label="Waymark preview" style="position:fixed;` +
    `left:12px;bottom:12px;z-index:2147483647;max-width:calc(100vw - 24px);padding:8px 12px;border-radius:8px;` +
    `background:#1d1d1f;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px #0004">` +
    `<summary style="cursor:pointer;font-weight:600">Waymark preview</summary>` +
    `<span>Previewing ${what}. </span>` +
    `<a href="/__waymark/preview/stop" style="color:#9cd3ff">Stop preview</a></details>`
  );
}
