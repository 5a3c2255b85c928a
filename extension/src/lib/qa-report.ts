import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import type { QaRun } from "../storage/schemas.ts";
import { qaSummary } from "./qa-cells.ts";

const IMAGE_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;

/**
 * A self-contained HTML report of a QA run: screenshots inlined as data URLs, no external requests, every value
 * escaped (notes are free text; stage and branch names come from the site's API).
 */
export function renderQaReport(run: QaRun, generatedAt: Date): string {
  const s = qaSummary(run.cells);
  const version = run.version === "draft" ? "draft" : `version ${run.version}`;
  const cells = run.cells
    .map((c) => {
      const img =
        c.screenshot && IMAGE_DATA_URL.test(c.screenshot)
          ? `<img src="${c.screenshot}" alt="${escapeHtml(`${c.stage} / ${c.branch}`)}">`
          : `<div class="noshot">${escapeHtml(c.error ?? "no screenshot")}</div>`;
      const verdict = c.verdict ?? "unmarked";
      return `<figure class="${verdict}">${img}<figcaption><b>${escapeHtml(c.stage)}</b> / <b>${escapeHtml(
        c.branch,
      )}</b> <span class="v">${verdict}</span>${c.outcome ? ` <small>served: ${escapeHtml(c.outcome)}</small>` : ""}${
        c.note ? `<p>${escapeHtml(c.note)}</p>` : ""
      }</figcaption></figure>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Waymark QA: ${escapeHtml(run.journeyName)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d1d1f}
h1{font-size:20px;margin:0 0 4px}
.meta{color:#555;margin:0 0 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}
figure{margin:0;border:2px solid #ccc;border-radius:8px;overflow:hidden;background:#fafafa}
figure.pass{border-color:#1a7f37}figure.fail{border-color:#cf222e}
figure img{display:block;width:100%}
figcaption{padding:8px}
.v{text-transform:uppercase;font-size:11px;font-weight:700;padding:1px 6px;border-radius:4px;background:#ddd}
.pass .v{background:#1a7f37;color:#fff}.fail .v{background:#cf222e;color:#fff}
.noshot{padding:40px 8px;text-align:center;color:#777}
p{margin:6px 0 0;white-space:pre-wrap}
</style></head><body>
<h1>QA: ${escapeHtml(run.journeyName)} <small>(${escapeHtml(run.journey)}, ${escapeHtml(version)})</small></h1>
<p class="meta">${escapeHtml(run.url)} · run ${escapeHtml(new Date(run.startedAt).toISOString())} · report ${escapeHtml(
    generatedAt.toISOString(),
  )} · ${s.pass} pass, ${s.fail} fail, ${s.unmarked} unmarked of ${s.total}</p>
<div class="grid">
${cells}
</div>
</body></html>
`;
}
