import type { EventsBody, VisitorEvent } from "@waymark/shared";

/** The events of a body: one event, or a batch. */
export function eventsOf(body: EventsBody): VisitorEvent[] {
  return "events" in body ? body.events : [body];
}
