import type { JourneyInput } from "@waymark/shared";

/** The journey a new one starts from: small, valid, and showing each part of the format once. */
export function newJourneyDraft(id = "new-journey"): JourneyInput {
  return {
    id,
    name: "New journey",
    priority: 0,
    stages: [{ id: "visiting" }, { id: "engaged" }, { id: "converted", exit: true }],
    start: "visiting",
    transitions: [
      { from: "visiting", to: "engaged", on: "add_to_cart" },
      { from: "*", to: "converted", on: "purchase" },
    ],
    branches: [{ id: "default", weight: 1 }],
    holdout: 0,
    actions: [
      {
        id: "welcome",
        stage: "engaged",
        type: "insert",
        selector: "body",
        position: "prepend",
        html: '<div class="wm-banner">You have {{cart.count}} {{cart.count | plural: "item", "items"}} in your cart.</div>',
      },
    ],
    goals: ["purchase"],
  };
}
