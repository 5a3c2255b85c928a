// Realistic HTML pages for the origin, built from a real shop template (fixture 01: Bootstrap product listing).
// The product grid is repeated (names and prices varied) until the page reaches the wanted size, as a large
// category page would be; head, nav, header and footer stay exactly as published.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURE = fileURLToPath(
  new URL("../../../shared/fixtures/real-pages/01-shop-product-listing.html", import.meta.url),
);
const CARD_START = '                    <div class="col mb-5">\n';
const GRID_END = "                </div>\n            </div>\n        </section>";

/** The fixture split around its product cards: everything before the first card, the cards, everything after. */
function splitTemplate(html) {
  const first = html.indexOf(CARD_START);
  const end = html.indexOf(GRID_END);
  if (first < 0 || end < 0) throw new Error("bench: product listing fixture changed shape");
  const cards = html
    .slice(first, end)
    .split(CARD_START)
    .filter(Boolean)
    .map((c) => CARD_START + c);
  return { head: html.slice(0, first), cards, tail: html.slice(end) };
}

/** A product listing page of about `targetBytes` bytes (UTF-8), deterministic. */
export function buildListingPage(targetBytes) {
  const { head, cards, tail } = splitTemplate(readFileSync(FIXTURE, "utf8"));
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; size < targetBytes; i++) {
    const card = cards[i % cards.length]
      .replace(/(<h5 class="fw-bolder">)([^<]*)(<\/h5>)/, `$1$2 #${i + 1}$3`)
      .replace(/\$(\d+)\.00/g, (_, n) => `$${Number(n) + (i % 17)}.${String(i % 100).padStart(2, "0")}`);
    parts.push(card);
    size += Buffer.byteLength(card);
  }
  parts.push(tail);
  return Buffer.from(parts.join(""), "utf8");
}

/** The pages the bench origin serves, by path. */
export function buildPages() {
  const small = buildListingPage(50 * 1024);
  const large = buildListingPage(1024 * 1024);
  // Intermediate sizes, for finding where an early stop of the rewriter starts to pay (bench/profile.mjs, A/B runs).
  const sizes = Object.fromEntries([100, 200, 400].map((k) => [`/shop/${k}k`, buildListingPage(k * 1024)]));
  return { "/shop/50k": small, "/shop/1m": large, "/shop/split": large, ...sizes };
}
