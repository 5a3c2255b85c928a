import { render } from "preact";
import type { SlotInfo } from "../messaging/content-protocol.ts";
import { boxOf, findMarked, type Marked } from "./find-marked.ts";
import { Overlay } from "./overlay.tsx";
import { OVERLAY_CSS } from "./overlay-style.ts";

export const OVERLAY_TAG = "waymark-qa-overlay";

/**
 * The on-page highlighter: boxes over every element Waymark inserted or changed, drawn in a shadow root attached
 * to our own element so the site's styles and ours never meet. Boxes follow scrolling and resizing.
 */
export function createHighlighter(doc: Document) {
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let marked: Marked[] = [];
  let selected: number | null = null;
  let flash: number | null = null;
  let frame = 0;
  const win = doc.defaultView!;

  const draw = () => {
    if (!mount) return;
    const items = marked.map((m) => ({ info: m.info, box: boxOf(m.el) }));
    render(
      <Overlay
        items={items}
        selected={selected}
        flash={flash}
        onSelect={(i) => {
          selected = i;
          draw();
        }}
      />,
      mount,
    );
  };
  const schedule = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  };

  function show(): SlotInfo[] {
    marked = findMarked(doc, OVERLAY_TAG);
    if (!host) {
      host = doc.createElement(OVERLAY_TAG);
      host.setAttribute(
        "style",
        "all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483647;",
      );
      const shadow = host.attachShadow({ mode: "open" });
      const style = doc.createElement("style");
      style.textContent = OVERLAY_CSS;
      mount = doc.createElement("div");
      shadow.append(style, mount);
      doc.documentElement.append(host);
      win.addEventListener("scroll", schedule, { passive: true, capture: true });
      win.addEventListener("resize", schedule, { passive: true });
    }
    draw();
    return marked.map((m) => m.info);
  }

  function hide(): SlotInfo[] {
    if (host) {
      if (mount) render(null, mount);
      host.remove();
      win.removeEventListener("scroll", schedule, { capture: true });
      win.removeEventListener("resize", schedule);
    }
    host = mount = null;
    selected = flash = null;
    const found = findMarked(doc, OVERLAY_TAG).map((m) => m.info);
    marked = [];
    return found;
  }

  function reveal(index: number): boolean {
    if (!host) show();
    const m = marked[index];
    if (!m) return false;
    // A <waymark-slot> is display:contents and cannot be scrolled to; its first child with a box can.
    const target = [m.el, ...Array.from(m.el.querySelectorAll("*"))].find((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 || r.height > 0;
    });
    target?.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
    selected = flash = index;
    draw();
    return true;
  }

  return { show, hide, reveal };
}
