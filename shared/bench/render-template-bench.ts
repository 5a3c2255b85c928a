// Micro-benchmark of renderTemplate on the hot path: `npx tsx shared/bench/render-template-bench.ts`.
// Templates are parsed once (cached); this measures the per-render CPU time, in ns per call (best of several rounds).
import { renderTemplate } from "../src/engine/render-template.ts";

const TEMPLATES: Record<string, string> = {
  "banner (text only)":
    '<div class="wm-banner">You left {{cart.count}} item(s), like {{cart.lastItem.name}}. 10% off: SAVE10</div>',
  "link (href template)":
    '<div class="wm-banner"><a href="/cart?item={{cart.lastItem.name}}" title="{{cart.lastItem.name}}">Back to {{cart.lastItem.name}}</a></div>',
  "account link (whole href)": '<a class="wm" href="{{traits.accountUrl | "/account"}}">Your account</a>',
  "style value": '<p style="color: {{traits.color | "black"}}">Hi {{traits.name | "there"}}</p>',
};
const VALUES = {
  "cart.count": "2",
  "cart.lastItem.name": 'Summit Daypack 24L "blue" & more',
  "traits.accountUrl": "https://shop.example/account/42",
  "traits.color": "rebeccapurple",
  "traits.name": "Ada",
};

const N = 200_000;
for (const [name, t] of Object.entries(TEMPLATES)) {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 7; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < N; i++) sink += renderTemplate(t, VALUES).length;
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / N);
  }
  console.log(`${name.padEnd(28)} ${best.toFixed(0).padStart(5)} ns/render  (${sink > 0 ? "ok" : ""})`);
}
