import { parseTemplate } from "../engine/parse-template.ts";
import { Journey } from "../schemas/journey.ts";
import { isTemplateKey, templateKeys } from "./template-keys.ts";

/** Action fields whose `{{placeholders}}` the engine fills (render-action.ts). */
const TEMPLATE_FIELDS = ["html", "text", "title", "value"] as const;

/**
 * A journey as a person authors it (a draft saved, journeys pushed, a publish): the structural `Journey` schema plus
 * checks that catch mistakes while writing. Stored versions are read with `Journey` alone, so tightening a check here
 * never turns off a journey that is already live.
 * - A placeholder must name a value templates offer (`{{cart.nonsense}}` would render nothing, silently). Defaults
 *   (`{{traits.name | "there"}}`) and plural words stay allowed; the message lists the values there are.
 */
export const AuthoredJourney = Journey.superRefine((j, ctx) => {
  j.actions.forEach((a, i) => {
    for (const field of TEMPLATE_FIELDS) {
      const v = (a as Record<string, unknown>)[field];
      if (typeof v !== "string" || !v.includes("{{")) continue;
      const unknown = [
        ...new Set(
          parseTemplate(v)
            .parts.map((p) => p.path)
            .filter((p) => !isTemplateKey(p)),
        ),
      ];
      if (unknown.length)
        ctx.addIssue({
          code: "custom",
          path: ["actions", i, field],
          message:
            `unknown template value${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `{{${u}}}`).join(", ")}: ` +
            `use one of ${templateKeys().join(", ")}`,
        });
    }
  });
});
export type AuthoredJourney = Journey;
