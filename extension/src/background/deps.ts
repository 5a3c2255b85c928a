/** What the background's logic takes from outside, so unit tests can pass fakes (the browser is WXT's fake one). */
export interface BackgroundDeps {
  fetch: typeof fetch;
  now(): number;
  /** How long to wait for a tab to finish loading before giving up (QA runs, reloads). */
  loadTimeoutMs: number;
}
