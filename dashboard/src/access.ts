import type { Capability, WhoAmI } from "@waymark/shared";
import { call } from "./api.ts";
import { me } from "./state.ts";

/** May the signed-in token do this? False until GET /whoami has answered. */
export function can(capability: Capability): boolean {
  return me.value?.can[capability] ?? false;
}

/**
 * Why not, in the API's words ("publishing needs the publisher role; this token is editor"), as a sentence; the
 * endpoint an API client is pointed to is left out (the page offers the way instead).
 */
export function whyNot(capability: Capability): string | null {
  const why = me.value?.why[capability]?.replace(/\s*\((?:GET|POST|PUT|DELETE) \/__waymark\/[^)]*\)/g, "");
  return why ? `${why[0].toUpperCase()}${why.slice(1)}.` : null;
}

/** The dashboard is for staff roles: a backend's ingest token may only post events. */
export function dashboardRefusal(who: WhoAmI): string | null {
  return who.role === "ingest"
    ? "This is an ingest token (server-side events and traits only): sign in with a viewer, editor, publisher or admin token."
    : null;
}

let loading: Promise<void> | null = null;

/** Reads who the stored token is (a tab reopened with a token in sessionStorage); a refused token signs out. */
export function loadMe(): Promise<void> {
  loading ??= call((c) => c.whoami())
    .then((who) => {
      me.value = who;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}
