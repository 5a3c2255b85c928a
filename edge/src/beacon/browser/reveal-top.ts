/**
 * After a reload the browser restores the old scroll offset, and scroll anchoring adds the height of a banner the
 * edge inserted above it, so a visitor who was at the top of the page no longer sees the banner (issue 13: scrollY
 * 49, the banner's height). When the first edge slot is above the viewport and the visitor was within half a screen
 * of it, scroll back so it shows; a visitor further down the page stays where they were.
 */
export function revealTop(): void {
  // The slot itself is display:contents (no box): measure what it holds.
  const r = document.querySelector("waymark-slot>*")?.getBoundingClientRect();
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (nav?.type == "reload" && r && r.bottom <= 0 && -r.top <= r.height + innerHeight / 2) scrollBy(0, r.top);
}
