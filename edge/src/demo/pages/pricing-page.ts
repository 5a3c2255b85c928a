import type { ShopPage } from "../shop-page.ts";

const PLANS = [
  { name: "Trailhead", price: "Free", perks: ["yes", "-", "-", "-"] },
  { name: "Explorer", price: "$9 / month", perks: ["yes", "yes", "10%", "-"] },
  { name: "Expedition", price: "$19 / month", perks: ["yes", "yes", "20%", "yes"] },
];
const FEATURES = ["Trip planning newsletter", "Free repairs", "Member discount", "Guided weekend trips"];

export function pricingPage(): ShopPage {
  const head = PLANS.map((p) => `<th scope="col">${p.name}<br><small>${p.price}</small></th>`).join("");
  const rows = FEATURES.map(
    (f, i) => `<tr><th scope="row">${f}</th>${PLANS.map((p) => `<td>${p.perks[i]}</td>`).join("")}</tr>`,
  ).join("");
  return {
    title: "Membership pricing",
    main:
      `<h1>Membership pricing</h1><p>Join the Waymark club for repairs, discounts and trips. Cancel any time.</p>` +
      `<table class="pricing-table"><thead><tr><th scope="col">Plan</th>${head}</tr></thead><tbody>${rows}</tbody></table>` +
      `<p>Questions about plans? <a href="/faq">Read the FAQ</a>.</p>`,
  };
}
