import type { JourneyInput } from "../schemas/journey.ts";

/**
 * The journeys a fresh install starts with (published as version 1 by the rules store when it is empty).
 * They target the built-in demo shop's markup: `body`, `#hero h1`, and the /cart, /faq and /products pages.
 */
// The cart reminders stay off the checkout and its confirmation: there the visitor is already doing what they ask.
const NOT_AT_CHECKOUT = { type: "path", glob: ["/checkout", "/checkout/**"], not: true } as const;

export const SEED_JOURNEYS: JourneyInput[] = [
  {
    id: "abandoned-cart",
    name: "Abandoned cart rescue",
    description:
      "A visitor who leaves a filled cart idle for 30 minutes is reminded of it, with or without a discount.",
    priority: 10,
    stages: [{ id: "browsing" }, { id: "carting" }, { id: "abandoned" }, { id: "purchased", exit: true }],
    start: "browsing",
    transitions: [
      { from: "*", to: "carting", on: "add_to_cart" },
      { from: "carting", to: "abandoned", after: "30m" },
      { from: "abandoned", to: "carting", on: "add_to_cart" },
      { from: "*", to: "purchased", on: "purchase" },
    ],
    branches: [
      { id: "discount", weight: 1 },
      { id: "reminder", weight: 1 },
    ],
    holdout: 0.1,
    goals: ["purchase"],
    // Measured per visitor against the holdout: did they buy (the decision), how much (revenue the browser reports
    // is clamped; the backend's purchase events are the trustworthy source), and did the banners annoy (guardrail).
    metrics: [
      { id: "purchase", name: "Purchased", kind: "conversion", event: "purchase", role: "primary" },
      { id: "revenue", name: "Revenue per visitor", kind: "revenue", event: "purchase", field: "value" },
      {
        id: "dismissals",
        name: "Banner dismissals",
        kind: "count",
        event: "dismiss",
        role: "guardrail",
        direction: "decrease",
      },
    ],
    actions: [
      {
        id: "discount-banner",
        stage: "abandoned",
        branch: "discount",
        type: "insert",
        selector: "body",
        position: "prepend",
        html: '<div class="wm-banner">You left {{cart.count}} {{cart.count | plural: "item", "items"}}, like {{cart.lastItem.name}}. 10% off: SAVE10 <a href="/cart">View cart</a></div>',
        when: [{ type: "cart", minCount: 1 }, NOT_AT_CHECKOUT],
      },
      {
        id: "reminder-banner",
        stage: "abandoned",
        branch: "reminder",
        type: "insert",
        selector: "body",
        position: "prepend",
        html: '<div class="wm-banner">Still thinking about {{cart.lastItem.name}}? Your cart is waiting. <a href="/cart">View cart</a></div>',
        when: [{ type: "cart", minCount: 1 }, NOT_AT_CHECKOUT],
      },
    ],
  },
  {
    id: "confusion-help",
    name: "Confusion help",
    description: "Rage clicks or going back and forth between pages (pricing and FAQ) get an offer of help.",
    priority: 20,
    stages: [{ id: "calm" }, { id: "confused" }, { id: "helped", exit: true }],
    start: "calm",
    transitions: [
      { from: "*", to: "confused", on: "rage_click" },
      { from: "*", to: "confused", on: "back_and_forth" },
      { from: "confused", to: "calm", after: "10m" },
      { from: "*", to: "helped", on: "help_clicked" },
    ],
    actions: [
      {
        id: "help-nudge",
        stage: "confused",
        type: "nudge",
        title: "Need a hand?",
        html: '<p>Looks like something is not quite clear. We can help:</p><ul><li><a href="/faq" data-wm-track="help_clicked">Read the FAQ</a></li><li><a href="mailto:help@example.com" data-wm-track="help_clicked">Chat with us</a></li></ul>',
      },
    ],
    caps: { perSession: 2, dismissCooldown: "1d" },
  },
  {
    id: "welcome-back",
    name: "Welcome back",
    description: "Returning visitors are greeted on the home page and pointed back to the products.",
    priority: 5,
    stages: [{ id: "new" }, { id: "returning" }],
    start: "new",
    transitions: [{ from: "new", to: "returning", on: "page_view", when: [{ type: "visits", gte: 2 }] }],
    actions: [
      {
        id: "welcome-heading",
        stage: "returning",
        type: "replace",
        selector: "#hero h1",
        text: "Welcome back! Good to see you again.",
        when: [{ type: "path", glob: "/" }],
      },
      {
        id: "welcome-link",
        stage: "returning",
        type: "insert",
        selector: "#hero h1",
        position: "after",
        html: '<p class="wm-welcome">Pick up where you left off: <a href="/products">browse products</a></p>',
        when: [{ type: "path", glob: "/" }],
      },
      // Next best action (issue 18): on the product list, the offer a model expects to lead to an add to cart for
      // this visitor (device, interests, cart, visits...), learned from visits; explore while it is unsure.
      {
        id: "next-best-offer",
        type: "offer",
        selector: "#main .filters",
        position: "after",
        objective: "carted",
        attribution: "1d",
        when: [{ type: "path", glob: "/products" }],
        offers: [
          {
            id: "free-shipping",
            name: "Free shipping",
            html: '<p class="wm-offer" data-offer="free-shipping">Free shipping on every order today.</p>',
          },
          {
            id: "ten-off",
            name: "10% off",
            html: '<p class="wm-offer" data-offer="ten-off">10% off your first order with code <b>WELCOME10</b>.</p>',
            value: 0.9,
          },
          {
            id: "phone-cart",
            name: "Cart on your phone",
            html: '<p class="wm-offer" data-offer="phone-cart">On the go? Your cart waits for you on any device.</p>',
            when: [{ type: "device", is: "mobile" }],
          },
          {
            id: "bundle",
            name: "Bundle and save",
            html: '<p class="wm-offer" data-offer="bundle">Any two items together: 15% off the pair.</p>',
            value: 1.2,
            caps: { perDay: 3 },
          },
        ],
      },
    ],
    metrics: [{ id: "carted", name: "Added to cart", kind: "conversion", event: "add_to_cart", role: "primary" }],
  },
];
