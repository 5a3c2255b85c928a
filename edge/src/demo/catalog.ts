/** One product of the demo shop. Prices are in US dollars. */
export interface Product {
  slug: string;
  name: string;
  price: number;
  category: "navigation" | "packs" | "apparel" | "camp";
  blurb: string;
  /** Colours of the product's inline SVG art: [background, main, accent]. */
  palette: [string, string, string];
}

export const CATALOG: readonly Product[] = [
  {
    slug: "trail-compass",
    name: "Brass Trail Compass",
    price: 39,
    category: "navigation",
    blurb: "A liquid-filled baseplate compass with a brass bezel that will outlast your boots.",
    palette: ["#f3ead8", "#b7853a", "#2f4858"],
  },
  {
    slug: "summit-daypack",
    name: "Summit Daypack 24L",
    price: 89,
    category: "packs",
    blurb: "Waxed canvas, a padded back panel and exactly enough pockets for a long day out.",
    palette: ["#e4ece6", "#3d6b56", "#c9a227"],
  },
  {
    slug: "ridge-shell-jacket",
    name: "Ridge Shell Jacket",
    price: 149,
    category: "apparel",
    blurb: "Three-layer waterproof shell with pit zips. Packs into its own chest pocket.",
    palette: ["#e8e6f0", "#a4462f", "#2b2d42"],
  },
  {
    slug: "enamel-camp-mug",
    name: "Enamel Camp Mug",
    price: 14,
    category: "camp",
    blurb: "Speckled enamel steel, 350 ml, happy on a stove and on your desk.",
    palette: ["#eef3f7", "#2f5d8a", "#f4f1de"],
  },
  {
    slug: "trail-map-set",
    name: "Trail Map Set",
    price: 24,
    category: "navigation",
    blurb: "Six waterproof topographic maps of the most loved long trails, folded pocket size.",
    palette: ["#f6f1e3", "#6a994e", "#bc4749"],
  },
  {
    slug: "ember-camp-lantern",
    name: "Ember Camp Lantern",
    price: 45,
    category: "camp",
    blurb: "A warm, dimmable LED lantern that charges over USB and runs for three nights.",
    palette: ["#fbf0e4", "#e07a1f", "#3a3a3a"],
  },
];

export function findProduct(slug: string): Product | undefined {
  return CATALOG.find((p) => p.slug === slug);
}
