/**
 * A journey's schedule as the dashboard shows it (issue 16): where it stands now, and the conversions between the
 * stored ISO instants and the browser's <input type="datetime-local"> (wall-clock time in the browser's time zone).
 */

/** What a published journey is doing now because of its schedule. */
export type RunState = "scheduled" | "running" | "ended";

export interface ScheduleLike {
  schedule?: { start?: string; end?: string };
  paused?: boolean;
}

/**
 * "scheduled" before the start, "ended" from the end on, else "running" (the engine's rule: start inclusive, end
 * exclusive). Unreadable instants count as absent (the schema refuses them on save).
 */
export function runState(journey: ScheduleLike, now: number): RunState {
  const start = instant(journey.schedule?.start);
  const end = instant(journey.schedule?.end);
  if (start !== null && now < start) return "scheduled";
  if (end !== null && now >= end) return "ended";
  return "running";
}

function instant(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** "2026-12-24T09:00" in the browser's time zone for a stored instant ("" when absent or unreadable). */
export function toLocalInput(iso: string | undefined, offsetMinutesOf = localOffset): string {
  const t = instant(iso);
  if (t === null) return "";
  const local = new Date(t - offsetMinutesOf(t) * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * The stored instant for a datetime-local value: the wall-clock time read in the browser's time zone, saved in UTC
 * ("2026-12-24T08:00:00.000Z" for 09:00 in Paris in winter). "" (cleared) gives undefined; an unreadable value is
 * kept as typed, so the schema names it.
 */
export function fromLocalInput(local: string, offsetMinutesOf = localOffset): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!local.trim()) return undefined;
  if (!m) return local;
  const [, y, mo, d, h, mi, s] = m;
  const asUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
  // The offset at that wall-clock time (twice: the first guess may sit across a daylight-saving change).
  let t = asUtc + offsetMinutesOf(asUtc) * 60_000;
  t = asUtc + offsetMinutesOf(t) * 60_000;
  return new Date(t).toISOString();
}

/** Minutes to add to local time to get UTC at instant t (Date#getTimezoneOffset: -60 in Paris in winter). */
function localOffset(t: number): number {
  return new Date(t).getTimezoneOffset();
}

/** "Europe/Paris, UTC+01:00": the browser's time zone, to say next to the inputs what the times mean. */
export function timeZoneLabel(now: number, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const off = -new Date(now).getTimezoneOffset();
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${zone}, UTC${sign}${hhmm}`;
}
