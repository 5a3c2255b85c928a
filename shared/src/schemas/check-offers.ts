import type { Action } from "./action.ts";
import { effectiveMetrics, type MetricsSource } from "./metric.ts";
import { scriptInHtml, scriptInText } from "./script-in-html.ts";

type AddIssue = (issue: { path: (string | number)[]; message: string }) => void;

/**
 * The checks of an offer action within its journey (called from the Journey schema's superRefine): the objective
 * names one of the journey's metrics, offer ids are unique, `text` only replaces, and no offer carries script
 * unless the journey allows scripts.
 */
export function checkOfferAction(
  a: Action,
  i: number,
  journey: MetricsSource & { allowScripts?: boolean },
  addIssue: AddIssue,
): void {
  if (a.type !== "offer") return;
  const at = (...p: (string | number)[]) => ["actions", i, ...p];
  const metrics = effectiveMetrics(journey).map((m) => m.id);
  if (!metrics.includes(a.objective))
    addIssue({
      path: at("objective"),
      message: metrics.length
        ? `unknown metric "${a.objective}" (the journey's metrics: ${metrics.join(", ")})`
        : `unknown metric "${a.objective}": the journey has no metrics (add "metrics" or "goals")`,
    });
  const ids = new Set<string>();
  a.offers.forEach((o, k) => {
    if (ids.has(o.id)) addIssue({ path: at("offers", k, "id"), message: `duplicate offer id "${o.id}"` });
    ids.add(o.id);
    if (o.text !== undefined && a.position !== "replace")
      addIssue({
        path: at("offers", k, "text"),
        message: `"text" replaces the element's content: use "html" to insert ${a.position}`,
      });
    if (journey.allowScripts) return;
    const why = o.html !== undefined ? scriptInHtml(o.html) : o.text !== undefined ? scriptInText(o.text) : null;
    if (why)
      addIssue({
        path: at("offers", k, o.html !== undefined ? "html" : "text"),
        message: `${why}: scripts, event handlers, script URLs and markup left open need "allowScripts": true`,
      });
  });
  if (a.offers.every((o) => o.weight === 0))
    addIssue({ path: at("offers"), message: "at least one offer needs a weight above 0" });
}
