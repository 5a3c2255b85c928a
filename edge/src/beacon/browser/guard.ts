/**
 * Run `fn`, swallowing anything it throws: a bug in Waymark must never surface as an error in the site's page.
 * Returns a wrapped function for use as an event listener or timer callback.
 */
export function guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      console.debug("waymark:", e);
    }
  };
}
