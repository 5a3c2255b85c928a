import { PAGE_MATCHES_ID, type AppliedAction, type PageMatches } from "@waymark/shared";
import { asciiJson, scriptSafeJson } from "./head-tags.ts";

/** Counts, per applied action, the elements its selector matched: one increment in front of its element handler. */
export function countingMatches() {
  // Null prototypes: a journey or action id such as "constructor" is a key like any other.
  const counts: PageMatches = Object.create(null);
  return {
    wrap(a: AppliedAction, handler: HTMLRewriterElementContentHandlers): HTMLRewriterElementContentHandlers {
      const journey: Record<string, number> = (counts[a.journey] ??= Object.create(null));
      journey[a.actionId] = 0;
      const element = handler.element;
      return {
        ...handler,
        element(el) {
          journey[a.actionId]++;
          return element?.call(handler, el);
        },
      };
    },
    result: (): PageMatches => counts,
  };
}

/**
 * The counts as JSON in a script element, appended at the very end of the document: JSON-escaped for a script
 * context (no "</script>" or "<!--" from any id), ASCII only so a page in a legacy charset reads it right.
 */
export function matchesTag(counts: PageMatches): string {
  return `<script type="application/json" id="${PAGE_MATCHES_ID}">${asciiJson(scriptSafeJson(counts))}</script>`;
}
