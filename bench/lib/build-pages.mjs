// Realistic HTML pages for the origin, built from a shop product listing: the page's product grid is repeated
// (names and prices varied) until the page reaches the wanted size, as a large category page would be; head, nav,
// header and footer stay exactly as written.
//
// The listing comes from the real-page corpus (fixture 01, a published Bootstrap shop template) when the corpus is
// next to the repository (../shared/fixtures/real-pages from the repository root), otherwise from the project's
// own template, bench/pages/shop-listing.html, so that a plain clone runs the bench too. BENCH_PAGES=template or
// BENCH_PAGES=corpus picks one explicitly. The bench prints which one it used.
//   node bench/lib/build-pages.mjs   prints the source and the size of each page
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = new URL("../../", import.meta.url);

/** Where a listing comes from, and how to find its product cards. */
const SOURCES = {
  corpus: {
    name: "corpus",
    label: "real shop template (fixture 01-shop-product-listing.html of ../shared/fixtures/real-pages)",
    file: fileURLToPath(new URL("../shared/fixtures/real-pages/01-shop-product-listing.html", REPO_ROOT)),
    cardStart: '                    <div class="col mb-5">\n',
    gridEnd: "                </div>\n            </div>\n        </section>",
    title: /(<h5 class="fw-bolder">)([^<]*)(<\/h5>)/,
  },
  template: {
    name: "template",
    label: "the project's own shop template (bench/pages/shop-listing.html)",
    file: fileURLToPath(new URL("bench/pages/shop-listing.html", REPO_ROOT)),
    cardStart: '            <li class="product-card"',
    gridEnd: '          </ul>\n          <nav class="pagination"',
    title: /(<h3 class="product-title">\s*<a [^>]*>)([^<]*)(<\/a>)/,
  },
};

/** The listing the pages are built from: BENCH_PAGES if set, else the corpus page when present, else the template. */
export function pageSource(env = process.env) {
  const want = env.BENCH_PAGES;
  if (want && !SOURCES[want]) throw new Error(`bench: BENCH_PAGES must be "corpus" or "template", not "${want}"`);
  const source = SOURCES[want ?? (existsSync(SOURCES.corpus.file) ? "corpus" : "template")];
  if (!existsSync(source.file)) throw new Error(`bench: ${source.file} is missing (BENCH_PAGES=${want})`);
  return source;
}

/** The listing split around its product cards: everything before the first card, the cards, everything after. */
function splitTemplate(html, { cardStart, gridEnd, file }) {
  const first = html.indexOf(cardStart);
  const end = html.indexOf(gridEnd, first);
  if (first < 0 || end < 0) throw new Error(`bench: ${file} changed shape (product cards not found)`);
  const cards = html
    .slice(first, end)
    .split(cardStart)
    .filter(Boolean)
    .map((c) => cardStart + c);
  return { head: html.slice(0, first), cards, tail: html.slice(end) };
}

/** A product listing page of about `targetBytes` bytes (UTF-8), deterministic. */
export function buildListingPage(targetBytes, source = pageSource()) {
  const { head, cards, tail } = splitTemplate(readFileSync(source.file, "utf8"), source);
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; size < targetBytes; i++) {
    const card = cards[i % cards.length]
      .replace(source.title, `$1$2 #${i + 1}$3`)
      .replace(/\$(\d+)\.00/g, (_, n) => `$${Number(n) + (i % 17)}.${String(i % 100).padStart(2, "0")}`);
    parts.push(card);
    size += Buffer.byteLength(card);
  }
  parts.push(tail);
  return Buffer.from(parts.join(""), "utf8");
}

/** The pages the bench origin serves, by path. */
export function buildPages(source = pageSource()) {
  const small = buildListingPage(50 * 1024, source);
  const large = buildListingPage(1024 * 1024, source);
  // Intermediate sizes, for finding where an early stop of the rewriter starts to pay (bench/profile.mjs, A/B runs).
  const sizes = Object.fromEntries([100, 200, 400].map((k) => [`/shop/${k}k`, buildListingPage(k * 1024, source)]));
  return { "/shop/50k": small, "/shop/1m": large, "/shop/split": large, ...sizes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = pageSource();
  console.log(`pages from ${source.label}`);
  for (const [path, bytes] of Object.entries(buildPages(source)))
    console.log(`  ${path.padEnd(12)} ${String(bytes.length).padStart(8)} bytes`);
}
