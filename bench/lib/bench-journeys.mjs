// The ten journeys the bench publishes: a realistic mix where, on the bench's /shop pages, exactly one acts for
// the prepared returning visitor (the abandoned-cart banner, prepended to <body>); the others target other pages,
// campaigns, devices, countries or behaviours, so the engine still has to evaluate them on every page.
import { BANNER_HTML } from "./banner.mjs";

const banner = BANNER_HTML.replace("Still thinking about it?", "Still thinking about {{cart.lastItem.name}}?");

const simple = (id, priority, when, action) => ({
  id,
  name: id.replace(/-/g, " "),
  priority,
  stages: [{ id: "active" }, { id: "done", exit: true }],
  start: "active",
  transitions: [{ from: "active", to: "done", on: "purchase" }],
  when,
  actions: [action],
});

export const BENCH_JOURNEYS = [
  {
    id: "bench-abandoned-cart",
    name: "Abandoned cart (bench banner)",
    priority: 10,
    stages: [{ id: "browsing" }, { id: "carting" }, { id: "abandoned" }, { id: "purchased", exit: true }],
    start: "browsing",
    transitions: [
      { from: "*", to: "carting", on: "add_to_cart" },
      { from: "carting", to: "abandoned", after: "30m" },
      { from: "abandoned", to: "carting", on: "add_to_cart" },
      { from: "*", to: "purchased", on: "purchase" },
    ],
    goals: ["purchase"],
    actions: [
      {
        id: "banner",
        stage: "abandoned",
        type: "insert",
        selector: "body",
        position: "prepend",
        html: banner,
        when: [{ type: "cart", minCount: 1 }],
      },
    ],
  },
  {
    id: "bench-confusion",
    name: "Confusion help",
    priority: 20,
    stages: [{ id: "calm" }, { id: "confused" }, { id: "helped", exit: true }],
    start: "calm",
    transitions: [
      { from: "*", to: "confused", on: "rage_click" },
      { from: "confused", to: "helped", on: "contact_support" },
    ],
    actions: [{ stage: "confused", type: "nudge", title: "Need a hand?", html: "<p>Chat with us.</p>" }],
  },
  simple(
    "bench-welcome-back",
    5,
    [
      { type: "visits", gte: 3 },
      { type: "path", glob: "/account/**" },
    ],
    {
      type: "insert",
      selector: "main h1",
      position: "after",
      html: "<p>Welcome back!</p>",
    },
  ),
  simple("bench-pricing-exit", 5, [{ type: "path", glob: "/pricing" }], {
    type: "replace",
    selector: ".plan-pro .price",
    text: "$19",
  }),
  simple("bench-spring-campaign", 4, [{ type: "query", param: "utm_campaign", equals: "spring" }], {
    type: "set_attribute",
    selector: "header",
    name: "data-campaign",
    value: "spring",
  }),
  simple(
    "bench-mobile-app",
    3,
    [
      { type: "device", is: "mobile" },
      { type: "path", glob: "/blog/**" },
    ],
    {
      type: "insert",
      selector: "footer",
      position: "before",
      html: '<aside class="app-promo">Get the app</aside>',
    },
  ),
  simple(
    "bench-eu-shipping",
    3,
    [
      { type: "country", in: ["DE", "FR", "IT"] },
      { type: "path", glob: "/cart" },
    ],
    {
      type: "insert",
      selector: "#cart-summary",
      position: "append",
      html: "<p>Free EU shipping over 50 EUR</p>",
    },
  ),
  simple("bench-checkout-reassure", 2, [{ type: "path", glob: "/checkout/**" }], {
    type: "insert",
    selector: "form#checkout",
    position: "before",
    html: '<p class="reassure">30-day returns</p>',
  }),
  simple(
    "bench-engaged-reader",
    1,
    [
      { type: "score", name: "engagement", gte: 80 },
      { type: "path", glob: "/blog/**" },
    ],
    {
      type: "nudge",
      html: "<p>Subscribe to our newsletter</p>",
    },
  ),
  simple("bench-partner-referral", 1, [{ type: "referrer", contains: "partner.example" }], {
    type: "hide",
    selector: ".newsletter-popup",
  }),
];
