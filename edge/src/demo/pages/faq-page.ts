import type { ShopPage } from "../shop-page.ts";

const QUESTIONS = [
  ["How long does shipping take?", "Orders leave our workshop within two working days and arrive in three to five."],
  ["Can I return something?", "Yes: anything unused, within 60 days, and the return label is on us."],
  [
    "What does a membership include?",
    "Repairs, member discounts and, on Expedition, guided weekend trips. See pricing.",
  ],
  ["Can I change plans later?", "Any time, from your account. The difference is prorated to the day."],
  ["Do you repair gear bought elsewhere?", "We do, at cost, when we have the parts. Write to us first."],
];

/** An accordion of native <details> elements: keyboard and screen-reader friendly without script. */
export function faqPage(): ShopPage {
  const items = QUESTIONS.map(
    ([q, a], i) => `<details id="faq-${i + 1}"><summary>${q}</summary><p>${a}</p></details>`,
  ).join("");
  return {
    title: "FAQ",
    main: `<h1>Frequently asked questions</h1><section class="faq">${items}</section><p><a href="/pricing">Compare plans</a></p>`,
  };
}
