import type { AppliedAction } from "@waymark/shared";
import { guard } from "./guard.ts";

/** The URL of the nudge module (NUDGES_JS, with its hash), set by edge/scripts/build-beacon.mjs. */
declare const NUDGES_URL: string;
// A variable, not the literal: the bundler must leave the import to the browser (not turn it into a require).
const url = NUDGES_URL;

export interface Nudges {
  show(applied: AppliedAction): void;
  /** Remove every nudge of a journey (the caller reports the dismissal). */
  remove(journey: string): void;
}

/**
 * The nudges of the page (nudges/nudges.ts), loaded with the first one to show: an ES module of this origin,
 * immutable per hash (GET /__waymark/nudges.js?v=HASH), imported by this script (so a CSP nonce on it carries over).
 * Nudges are shown in the order they came, once it is there.
 */
export function createNudges(onDismiss: (journey: string) => void): Nudges {
  let real: Promise<Nudges> | undefined;
  return {
    show(a) {
      if (a.action.type == "nudge")
        (real ||= import(url).then((m) => m.createNudges(onDismiss))).then(
          guard((n: Nudges) => n.show(a)),
          Object, // not loaded (offline, blocked): no nudge, and nothing breaks
        );
    },
    remove: (journey) => real?.then((n) => n.remove(journey), Object),
  };
}
