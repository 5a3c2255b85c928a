import { useEffect } from "preact/hooks";

const MESSAGE = "Leave this page? Your unsaved changes will be lost.";

/**
 * While `dirty`, asks before the page is left: a reload or tab close (beforeunload), or an in-app link (checked
 * in the capture phase on window, before preact-iso's router sees the click).
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const unload = (e: BeforeUnloadEvent) => e.preventDefault();
    const click = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.origin !== location.origin || link.getAttribute("href")?.startsWith("#")) return;
      if (!confirm(MESSAGE)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    addEventListener("beforeunload", unload);
    addEventListener("click", click, true);
    return () => {
      removeEventListener("beforeunload", unload);
      removeEventListener("click", click, true);
    };
  }, [dirty]);
}
