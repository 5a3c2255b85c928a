import type { Product } from "./catalog.ts";

// Inline SVG illustrations: the demo ships no image files and loads nothing from elsewhere.
const SHAPES: Record<string, (main: string, accent: string) => string> = {
  "trail-compass": (m, a) =>
    `<circle cx="60" cy="60" r="34" fill="${m}"/><circle cx="60" cy="60" r="27" fill="#fffaf0"/>` +
    `<path d="M60 36 L66 60 L60 84 L54 60Z" fill="${a}"/><path d="M60 36 L66 60 L54 60Z" fill="#c0392b"/>` +
    `<circle cx="60" cy="60" r="3" fill="${m}"/>`,
  "summit-daypack": (m, a) =>
    `<rect x="34" y="26" width="52" height="70" rx="16" fill="${m}"/>` +
    `<rect x="42" y="58" width="36" height="26" rx="6" fill="${a}"/><rect x="50" y="18" width="20" height="14" rx="7" fill="none" stroke="${m}" stroke-width="5"/>`,
  "ridge-shell-jacket": (m, a) =>
    `<path d="M44 24 L60 32 L76 24 L96 40 L88 54 L80 48 L80 98 L40 98 L40 48 L32 54 L24 40Z" fill="${m}"/>` +
    `<path d="M60 32 L60 98" stroke="${a}" stroke-width="3"/><rect x="66" y="56" width="8" height="10" rx="2" fill="${a}"/>`,
  "enamel-camp-mug": (m, a) =>
    `<rect x="32" y="36" width="46" height="54" rx="6" fill="${m}"/><path d="M78 48 h8 a10 10 0 0 1 0 24 h-8" fill="none" stroke="${m}" stroke-width="7"/>` +
    `<circle cx="44" cy="52" r="2" fill="${a}"/><circle cx="60" cy="70" r="2" fill="${a}"/><circle cx="50" cy="80" r="2" fill="${a}"/>` +
    `<ellipse cx="55" cy="36" rx="23" ry="4" fill="${a}"/>`,
  "trail-map-set": (m, a) =>
    `<path d="M24 32 L48 24 L72 32 L96 24 L96 88 L72 96 L48 88 L24 96Z" fill="#fffdf5" stroke="${m}" stroke-width="3"/>` +
    `<path d="M48 24 V88 M72 32 V96" stroke="${m}" stroke-width="2"/><path d="M30 80 C44 60 56 74 66 54 S86 44 90 36" fill="none" stroke="${a}" stroke-width="3" stroke-dasharray="5 4"/>`,
  "ember-camp-lantern": (m, a) =>
    `<rect x="44" y="22" width="32" height="8" rx="3" fill="${a}"/><path d="M50 22 a10 10 0 0 1 20 0" fill="none" stroke="${a}" stroke-width="3"/>` +
    `<rect x="40" y="30" width="40" height="58" rx="10" fill="${m}" opacity=".9"/><circle cx="60" cy="58" r="12" fill="#fff3c4"/>` +
    `<rect x="42" y="88" width="36" height="8" rx="3" fill="${a}"/>`,
};

/** A square illustration of the product, decorative (the name is always printed beside it). */
export function productArt(product: Product, size = 120): string {
  const [bg, main, accent] = product.palette;
  const shape = SHAPES[product.slug]?.(main, accent) ?? `<circle cx="60" cy="60" r="30" fill="${main}"/>`;
  return (
    `<svg class="product-art" viewBox="0 0 120 120" width="${size}" height="${size}" aria-hidden="true" focusable="false">` +
    `<rect width="120" height="120" rx="14" fill="${bg}"/>${shape}</svg>`
  );
}
