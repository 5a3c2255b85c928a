import {
  applyEvent,
  decide,
  recordExposures,
  type CompiledRuleset,
  type Decision,
  type StageChange,
  type VisitorState,
} from "@waymark/shared";
import { filterToChanged } from "./filter-to-changed.ts";
import type { LoggedEvent } from "./logged-event.ts";
import type { OnEventsArgs } from "./visitor-rpc.ts";

const DAY_MS = 86_400_000;

export interface RecordedEvents {
  state: VisitorState;
  changes: StageChange[];
  /** Only the nudges of journeys the batch moved (null when nothing moved or there is no page). */
  decision: Decision | null;
  logged: LoggedEvent[];
  duplicates: number;
}

/**
 * Applies a batch of events, skipping those already seen (by id, in the batch or per `isStored`). Pure apart from
 * `isStored`. A nudge appears once when its stage is reached, not on every later event.
 */
export function recordEvents(
  prior: VisitorState,
  args: OnEventsArgs,
  rules: CompiledRuleset,
  now: number,
  isStored: (eventId: string) => boolean,
): RecordedEvents {
  let state = prior;
  const changes: StageChange[] = [];
  const logged: LoggedEvent[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const ev of args.events) {
    if (ev.id !== undefined && (seen.has(ev.id) || isStored(ev.id))) {
      duplicates++;
      continue;
    }
    if (ev.id !== undefined) seen.add(ev.id);
    // Client clocks are not trusted: an event is dated no later than now and no earlier than a day ago.
    const at = Math.min(now, Math.max(now - DAY_MS, ev.at ?? now));
    const adv = applyEvent(state, { ...ev, at }, rules, { now, ctx: args.ctx });
    state = adv.state;
    changes.push(...adv.changes);
    logged.push({ id: ev.id ?? null, type: ev.type, at, data: ev.data ?? null });
  }
  let decision: Decision | null = null;
  if (args.ctx && changes.length) {
    const full = decide(state, rules, args.ctx, { now, mode: "event", force: args.force });
    decision = filterToChanged(full, changes);
    state = recordExposures(state, decision, now);
  }
  return { state, changes, decision, logged, duplicates };
}
