import { z } from "zod";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";

/**
 * The editor's template library: what a marketer inserts without writing HTML. Every field is escaped for where it
 * sits (text, attribute, URL, colour), so nothing typed in the side panel can add markup or script; the journey's
 * own checks (no scripts unless allowScripts) run again on save.
 */

const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/, "must be a colour like #1a5fb4")
  .default("#1a5fb4");

export const TemplateFields = z.object({
  /** Main text (banner title, notice text, button label, image alt text). */
  text: z.string().min(1).max(300),
  /** Secondary text (banner body). */
  detail: z.string().max(600).default(""),
  /** Link of the banner, button or image source: a same-site path or an http(s) URL. */
  url: z.string().max(2_048).default(""),
  /** Event the button or banner link reports when clicked (data-wm-track). */
  event: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, "must be snake_case")
    .or(z.literal(""))
    .default(""),
  background: Colour,
  color: Colour.default("#ffffff"),
});
export type TemplateFields = z.infer<typeof TemplateFields>;
export type TemplateFieldsInput = z.input<typeof TemplateFields>;

export const TemplateId = z.enum(["banner", "notice", "cta", "image"]);
export type TemplateId = z.infer<typeof TemplateId>;

export const TEMPLATES: Record<TemplateId, { label: string; fields: (keyof TemplateFields)[] }> = {
  banner: { label: "Banner with a dismiss button", fields: ["text", "detail", "url", "event", "background", "color"] },
  notice: { label: "Notice", fields: ["text", "background", "color"] },
  cta: { label: "Call-to-action button", fields: ["text", "url", "event", "background", "color"] },
  image: { label: "Image", fields: ["text", "url"] },
};

/** A link target that cannot run script: a same-site path, or an http(s) URL; anything else becomes "#". */
export function safeUrl(url: string): string {
  const u = url.trim();
  if (u.startsWith("/") && !u.startsWith("//")) return u;
  return /^https?:\/\/[^\s]+$/i.test(u) ? u : "#";
}

function trackAttr(event: string): string {
  return event ? ` data-wm-track="${escapeHtml(event)}"` : "";
}

/** The HTML of a template with its fields (parsed: bad colours or events throw a ZodError with the field's path). */
export function renderTemplate(id: TemplateId, input: TemplateFieldsInput): string {
  const f = TemplateFields.parse(input);
  const text = escapeHtml(f.text);
  const colours = `background:${f.background};color:${f.color}`;
  switch (id) {
    case "banner": {
      const link = f.url
        ? ` <a href="${escapeHtml(safeUrl(f.url))}"${trackAttr(f.event)} style="color:inherit;font-weight:600">${f.detail ? escapeHtml(f.detail) : "Learn more"}</a>`
        : f.detail
          ? ` <span>${escapeHtml(f.detail)}</span>`
          : "";
      return (
        `<div class="wm-editor-banner" role="region" aria-label="${text}" style="${colours};display:flex;align-items:center;gap:12px;padding:12px 16px;font:15px/1.4 system-ui,sans-serif">` +
        `<div style="flex:1"><strong>${text}</strong>${link}</div>` +
        `<button type="button" data-wm-dismiss aria-label="Dismiss" style="border:0;background:transparent;color:inherit;font-size:20px;line-height:1;cursor:pointer">&times;</button></div>`
      );
    }
    case "notice":
      return `<p class="wm-editor-notice" style="${colours};padding:8px 12px;border-radius:6px;font:14px/1.4 system-ui,sans-serif">${text}</p>`;
    case "cta":
      return `<a class="wm-editor-cta" href="${escapeHtml(safeUrl(f.url || "#"))}"${trackAttr(f.event)} style="${colours};display:inline-block;padding:10px 18px;border-radius:6px;font:600 15px/1.2 system-ui,sans-serif;text-decoration:none">${text}</a>`;
    case "image":
      return `<img class="wm-editor-image" src="${escapeHtml(safeUrl(f.url))}" alt="${text}" style="max-width:100%;height:auto">`;
  }
}
