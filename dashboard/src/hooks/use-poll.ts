import { useEffect, useRef } from "preact/hooks";

/** Calls `fn` every `ms` while the page is visible (live counts on the map and the list). */
export function usePoll(fn: () => void, ms: number): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === "visible") saved.current();
    }, ms);
    return () => clearInterval(t);
  }, [ms]);
}
