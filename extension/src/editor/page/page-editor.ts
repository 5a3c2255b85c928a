import type { EditorChange } from "../editor-change.ts";
import { escapeHtml } from "@waymark/shared/engine/escape-html.ts";
import type { EditorSelection, SelectionMove } from "../../messaging/editor-protocol.ts";
import { countMatches, generateSelector, insideWaymark } from "../generate-selector.ts";

export const EDITOR_TAG = "waymark-qa-editor";

const CSS = `
:host { all: initial; }
.box { position: fixed; box-sizing: border-box; pointer-events: none; border-radius: 2px; }
.hover { border: 2px dashed #2563eb; background: rgba(37, 99, 235, 0.08); }
.selected { border: 2px solid #c026d3; background: rgba(192, 38, 211, 0.10); }
.label { position: fixed; pointer-events: none; font: 600 11px/18px ui-monospace, monospace; color: #fff;
  background: #86198f; padding: 0 6px; border-radius: 3px; white-space: nowrap; max-width: 480px; overflow: hidden;
  text-overflow: ellipsis; }
.label.warn { background: #b45309; }
`;

/**
 * Editor mode on the page: outlines the element under the pointer, selects on click (the page's own click handlers
 * and links do not run meanwhile), moves the selection with the arrow keys (up: parent, down: first child,
 * left/right: siblings), and shows the optimistic preview of a change. Overlays live in a shadow root; the page's
 * CSS cannot reach them and they take no pointer events.
 */
export function createPageEditor(doc: Document, onSelect: (s: EditorSelection | null) => void) {
  const win = doc.defaultView!;
  let host: HTMLElement | null = null;
  let hoverBox: HTMLElement | null = null;
  let selBox: HTMLElement | null = null;
  let label: HTMLElement | null = null;
  let hovered: Element | null = null;
  let selected: Element | null = null;
  let selection: EditorSelection | null = null;
  let frame = 0;

  const ours = (el: Element | null) => !!el && !!host && (el === host || host.contains(el));

  function place(box: HTMLElement, el: Element | null) {
    if (!el || !el.isConnected) {
      box.style.display = "none";
      return null;
    }
    const r = el.getBoundingClientRect();
    Object.assign(box.style, {
      display: "block",
      left: `${r.left}px`,
      top: `${r.top}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
    return r;
  }

  function draw() {
    if (!hoverBox || !selBox || !label) return;
    place(hoverBox, hovered && hovered !== selected ? hovered : null);
    const r = place(selBox, selected);
    if (r && selection) {
      label.textContent = `${selection.selector}  ·  ${selection.matches} match${selection.matches === 1 ? "" : "es"}`;
      label.className = selection.matches === 1 && !selection.waymark ? "label" : "label warn";
      Object.assign(label.style, {
        display: "block",
        left: `${Math.max(0, r.left)}px`,
        top: `${Math.max(0, r.top - 20)}px`,
      });
    } else label.style.display = "none";
  }
  const schedule = () => {
    if (!frame)
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
  };

  function describe(el: Element): EditorSelection {
    const waymark = insideWaymark(el);
    const { selector, matches } = waymark ? { selector: "", matches: 0 } : generateSelector(el, doc);
    const attrs: EditorSelection["attributes"] = {};
    for (const name of ["src", "href", "alt"] as const) {
      const v = el.getAttribute(name);
      if (v !== null) attrs[name] = v.slice(0, 4_000);
    }
    return {
      selector,
      matches,
      tag: el.tagName.toLowerCase().slice(0, 64),
      text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 2_000),
      html: el.innerHTML.slice(0, 20_000),
      textOnly: el.children.length === 0,
      attributes: attrs,
      waymark,
      path: win.location.pathname.slice(0, 4_096),
    };
  }

  function select(el: Element | null, notify = true): EditorSelection | null {
    selected = el;
    selection = el ? describe(el) : null;
    schedule();
    if (notify) onSelect(selection);
    return selection;
  }

  const onMove = (e: MouseEvent) => {
    const t = e.target instanceof Element ? e.target : null;
    if (ours(t) || t === hovered) return;
    hovered = t;
    schedule();
  };
  const onClick = (e: MouseEvent) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t || ours(t)) return;
    // Selecting must not follow the link or submit the form under the pointer.
    e.preventDefault();
    e.stopImmediatePropagation();
    select(t);
  };
  const swallow = (e: Event) => {
    const t = e.target instanceof Element ? e.target : null;
    if (t && !ours(t)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  const onKey = (e: KeyboardEvent) => {
    const to = ({ ArrowUp: "parent", ArrowDown: "child", ArrowLeft: "prev", ArrowRight: "next" } as const)[
      e.key as "ArrowUp"
    ];
    if (e.key === "Escape" && selected) {
      e.preventDefault();
      select(null);
    } else if (to && selected) {
      e.preventDefault();
      move(to);
    }
  };

  function start(selector?: string): EditorSelection | null {
    if (!host) {
      host = doc.createElement(EDITOR_TAG);
      host.setAttribute(
        "style",
        "all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483647;",
      );
      const shadow = host.attachShadow({ mode: "open" });
      const style = doc.createElement("style");
      style.textContent = CSS;
      hoverBox = doc.createElement("div");
      hoverBox.className = "box hover";
      selBox = doc.createElement("div");
      selBox.className = "box selected";
      label = doc.createElement("div");
      label.className = "label";
      shadow.append(style, hoverBox, selBox, label);
      doc.documentElement.append(host);
      win.addEventListener("mousemove", onMove, { capture: true, passive: true });
      win.addEventListener("click", onClick, true);
      for (const type of ["mousedown", "mouseup", "pointerdown", "pointerup", "auxclick", "submit"])
        win.addEventListener(type, swallow, true);
      win.addEventListener("keydown", onKey, true);
      win.addEventListener("scroll", schedule, { passive: true, capture: true });
      win.addEventListener("resize", schedule, { passive: true });
    }
    if (selector) return selectBySelector(selector).selection;
    return selection;
  }

  function stop(): null {
    if (host) {
      host.remove();
      win.removeEventListener("mousemove", onMove, { capture: true });
      win.removeEventListener("click", onClick, true);
      for (const type of ["mousedown", "mouseup", "pointerdown", "pointerup", "auxclick", "submit"])
        win.removeEventListener(type, swallow, true);
      win.removeEventListener("keydown", onKey, true);
      win.removeEventListener("scroll", schedule, { capture: true });
      win.removeEventListener("resize", schedule);
    }
    host = hoverBox = selBox = label = hovered = selected = null;
    selection = null;
    return null;
  }

  function move(to: SelectionMove): EditorSelection | null {
    if (!selected) return null;
    const next =
      to === "parent"
        ? selected.parentElement
        : to === "child"
          ? selected.firstElementChild
          : to === "prev"
            ? selected.previousElementSibling
            : selected.nextElementSibling;
    if (!next || ours(next) || next === doc.documentElement) return selection;
    return select(next);
  }

  /** Selects the first element a typed selector matches, keeping that selector (and its count) as typed. */
  function selectBySelector(selector: string): { selection: EditorSelection | null; error?: string } {
    let el: Element | null;
    try {
      el = Array.from(doc.querySelectorAll(selector)).find((e) => !insideWaymark(e)) ?? null;
    } catch {
      return { selection, error: `the browser cannot parse ${selector}` };
    }
    if (!el) {
      // Keep the element in hand and show the typed selector with its count (0): the card warns about it.
      if (selection) selection = { ...selection, selector, matches: 0 };
      schedule();
      return { selection };
    }
    select(el, false);
    selection = { ...selection!, selector, matches: countMatches(doc, selector) };
    schedule();
    return { selection };
  }

  /** The optimistic preview: the change applied in this document only (the reload brings the edge's version). */
  function preview(c: EditorChange): void {
    if (c.kind === "redirect" || c.kind === "track" || c.kind === "view") return;
    const targets = Array.from(doc.querySelectorAll(c.selector)).filter((e) => !insideWaymark(e));
    for (const el of c.kind === "insert" ? targets.slice(0, 1) : targets) {
      if (c.kind === "text") el.innerHTML = escapeHtml(c.text);
      else if (c.kind === "html") el.innerHTML = c.html;
      else if (c.kind === "hide") (el as HTMLElement).style.setProperty("display", "none", "important");
      else if (c.kind === "remove") el.remove();
      else if (c.kind === "attribute") el.setAttribute(c.name, c.value);
      else if (c.kind === "style") el.setAttribute("style", `${el.getAttribute("style") ?? ""};${c.css}`);
      else if (c.kind === "insert") {
        const slot = doc.createElement("waymark-slot");
        slot.setAttribute("style", "display:contents");
        slot.innerHTML = c.html;
        const where = { before: "beforebegin", after: "afterend", prepend: "afterbegin", append: "beforeend" } as const;
        el.insertAdjacentElement(where[c.position], slot);
      }
    }
    schedule();
  }

  return { start, stop, move, selectBySelector, preview, current: () => selection };
}
