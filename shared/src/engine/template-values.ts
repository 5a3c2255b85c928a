import type { VisitorState } from "../schemas/state.ts";
import type { TemplateValues } from "./types.ts";

/** The values templates may use, as raw strings (renderTemplate escapes them). Absent ones render their default. */
export function templateValues(state: VisitorState): TemplateValues {
  const { cart } = state;
  const v: TemplateValues = {
    "cart.count": String(cart.count),
    "cart.value": cart.value.toFixed(2),
    "visitor.visits": String(state.visits),
    "visitor.pageViews": String(state.pageViews),
    "scores.engagement": String(Math.round(state.scores.engagement)),
  };
  if (cart.lastItem) {
    v["cart.lastItem.name"] = cart.lastItem.name;
    v["cart.lastItem.price"] = cart.lastItem.price.toFixed(2);
    v["cart.lastItem.quantity"] = String(cart.lastItem.quantity);
    if (cart.lastItem.category !== undefined) v["cart.lastItem.category"] = cart.lastItem.category;
  }
  const { traits } = state;
  for (const name in traits) if (traits[name] !== null) v[`traits.${name}`] = String(traits[name]);
  const { interests } = state.scores;
  for (const name in interests) v[`scores.interest.${name}`] = String(Math.round(interests[name]));
  return v;
}
