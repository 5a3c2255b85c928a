import { computed } from "@preact/signals";
import { WaymarkApiError, WaymarkClient } from "@waymark/shared";
import { signOut, token } from "./state.ts";

/** The typed admin API client, rebuilt when the token changes (same origin: the Worker serves the dashboard). */
export const client = computed(() =>
  token.value ? new WaymarkClient({ baseUrl: location.origin, token: token.value }) : null,
);

/**
 * Calls the API; a 401 means the token is no longer accepted, so the session ends with a message rather than
 * every page failing on its own.
 */
export async function call<T>(fn: (c: WaymarkClient) => Promise<T>): Promise<T> {
  const c = client.value;
  if (!c) throw new Error("Not signed in.");
  try {
    return await fn(c);
  } catch (err) {
    if (err instanceof WaymarkApiError && err.status === 401)
      signOut("The admin token was not accepted. Sign in again.");
    throw err;
  }
}

/** A message for a failed call, as the API worded it. */
export function errorText(err: unknown): string {
  if (err instanceof WaymarkApiError) return err.body.error;
  if (err instanceof TypeError) return "The Waymark API could not be reached.";
  return err instanceof Error ? err.message : String(err);
}
