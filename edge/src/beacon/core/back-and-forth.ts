/** Most paths kept in the session's navigation history. */
export const MAX_PATHS = 12;

/** The session's recent paths with `path` appended (a reload of the same page is not a new step). */
export function pushPath(paths: string[], path: string): string[] {
  if (paths[paths.length - 1] === path) return paths;
  return [...paths, path].slice(-MAX_PATHS);
}

/**
 * Back-and-forth: the last `switches` moves went between the same two pages (A,B,A,B for 3 switches).
 * Returns the two pages, oldest first, or null.
 */
export function backAndForth(paths: string[], switches: number): [string, string] | null {
  const tail = paths.slice(-(switches + 1));
  if (tail.length < switches + 1) return null;
  const [a, b] = tail;
  if (a === b) return null;
  return tail.every((p, i) => p === (i % 2 ? b : a)) ? [a, b] : null;
}
