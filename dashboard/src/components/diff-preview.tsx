import { escapeHtml, type TemplateValues } from "@waymark/shared";
import { previewDocument } from "../lib/preview-html.ts";

/**
 * One side of an action's HTML (or text) as a visitor gets it, templates rendered with sample values, in a
 * sandboxed iframe: no scripts, its own origin, none of the dashboard's styles.
 */
export function DiffPreview(p: {
  source: string;
  kind: "html" | "text";
  values: TemplateValues;
  frame: "page" | "nudge";
  title?: string;
  label: string;
}) {
  let doc: string;
  try {
    doc = previewDocument(p.kind === "text" ? escapeHtml(p.source) : p.source, p.values, p.frame, p.title);
  } catch (err) {
    return <p class="field-errors">Preview failed: {err instanceof Error ? err.message : String(err)}</p>;
  }
  return <iframe class={`diff-frame ${p.frame}`} title={p.label} sandbox="" srcdoc={doc} />;
}
