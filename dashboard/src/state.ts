import { signal } from "@preact/signals";
import type { WhoAmI } from "@waymark/shared";
import type { PeriodId } from "./lib/period.ts";
import { sampleTimeline, type TimelineStep } from "./lib/timeline.ts";

const TOKEN_KEY = "waymark.adminToken";

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * The admin token: in sessionStorage (gone when the tab closes), sent only as a bearer header by the client,
 * never put in a URL.
 */
export const token = signal<string | null>(readToken());

/**
 * Who the token is and what it may do (GET /whoami), read at sign-in and when a tab reopens with a stored token;
 * null until then. The dashboard shows only what the role allows (access.ts); the API enforces it regardless.
 */
export const me = signal<WhoAmI | null>(null);

export type Notice = { kind: "info" | "success" | "error"; text: string; path: string };
/** One message at the top of the page (saved, published, session ended...), for the page it was said on. */
export const notice = signal<Notice | null>(null);

export function say(kind: Notice["kind"], text: string): void {
  notice.value = { kind, text, path: location.pathname };
}

/** Leaving a page clears its message (say it after navigating to keep it, as saving a new journey does). */
export function clearStaleNotice(path: string): void {
  if (notice.value && notice.value.path !== path) notice.value = null;
}

export function signIn(value: string, who: WhoAmI | null = null): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    /* storage disabled: the token lives only in memory for this page */
  }
  me.value = who;
  token.value = value;
  notice.value = null;
}

export function signOut(reason?: string): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* nothing stored */
  }
  token.value = null;
  me.value = null;
  say(reason ? "error" : "info", reason ?? "Signed out.");
}

/** The stats period, shared by the list, the map and the results so switching pages keeps it. */
export const period = signal<PeriodId>("7d");

/** The simulator's timeline survives navigating away and back. */
export const timeline = signal<TimelineStep[]>(sampleTimeline());
