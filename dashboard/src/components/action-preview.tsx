import type { TemplateValues } from "@waymark/shared";
import { previewDocument } from "../lib/preview-html.ts";

/**
 * The action's HTML as a visitor would get it, rendered with sample values. A sandboxed iframe (no scripts,
 * its own origin) so marketer HTML can neither run nor pick up the dashboard's styles.
 */
export function ActionPreview(p: {
  html: string;
  values: TemplateValues;
  kind: "page" | "nudge";
  title?: string;
  label: string;
}) {
  let doc: string;
  try {
    doc = previewDocument(p.html, p.values, p.kind, p.title);
  } catch (err) {
    return <p class="field-errors">Preview failed: {err instanceof Error ? err.message : String(err)}</p>;
  }
  return (
    <figure class="preview">
      <figcaption>Preview with sample values</figcaption>
      <iframe title={p.label} sandbox="" srcdoc={doc} class={p.kind === "nudge" ? "nudge" : undefined} />
    </figure>
  );
}
