import { escapeHtml, newVisitorState, renderTemplate, templateValues, type TemplateValues } from "@waymark/shared";

/** A visitor worth previewing with: a returning shopper with two items in the cart. */
export function sampleValues(now: number): TemplateValues {
  const state = newVisitorState("sample-visitor", now - 3 * 86_400_000);
  const shoes = { id: "sku-1", name: "Trail shoes", price: 89, quantity: 1, category: "shoes" };
  const socks = { id: "sku-2", name: "Merino socks", price: 15, quantity: 1, category: "socks" };
  return templateValues({
    ...state,
    visits: 3,
    pageViews: 12,
    cart: { items: [shoes, socks], count: 2, value: 104, lastItem: socks, updatedAt: now - 40 * 60_000 },
  });
}

const BASE_CSS = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 12px; color: #1d2433; background: #fff; }
  .wm-banner { background: #fff4d6; border: 1px solid #e8c66a; padding: 10px 14px; border-radius: 6px; }
  .wm-nudge { max-width: 320px; border: 1px solid #d5dae3; border-radius: 10px; padding: 14px 16px;
    box-shadow: 0 6px 24px rgba(20, 30, 60, .15); }
  .wm-nudge h2 { font-size: 15px; margin: 0 0 6px; }
`;

/** A standalone document around HTML that is already rendered (page HTML, or a nudge card with its title). */
export function frameDocument(body: string, kind: "page" | "nudge" = "page", titleHtml?: string): string {
  const content =
    kind === "nudge" ? `<div class="wm-nudge">${titleHtml ? `<h2>${titleHtml}</h2>` : ""}${body}</div>` : body;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${BASE_CSS}</style></head><body>${content}</body></html>`;
}

/**
 * A standalone document showing an action's HTML as a visitor would get it, templates rendered with the
 * engine's renderTemplate (values escaped). Shown in a sandboxed iframe, so nothing in it can run.
 */
export function previewDocument(
  html: string,
  values: TemplateValues,
  kind: "page" | "nudge" = "page",
  title?: string,
): string {
  return frameDocument(
    renderTemplate(html, values),
    kind,
    title ? renderTemplate(escapeHtml(title), values) : undefined,
  );
}
