import type { AppliedAction } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";

/** Puts back what one change made in the browser replaced (nothing once a re-render has replaced it anyway). */
export type Undo = () => void;

/** replace: the content written into each element (by the edge as first seen, or by the beacon). */
export type Written = WeakMap<Element, string>;

/** The page actions (those with a selector; the keeper passes no others). */
type Act = Extract<AppliedAction["action"], { selector: string }>;

// The edge's marker attributes (edge/src/rewrite/marker-attributes.ts): the extension's highlighter and the banner
// dismiss (dismiss-banner.ts) find what the beacon applied by them too.
const MARKS = ["journey", "stage", "branch", "action"];

/** Marks `el` as changed by `a`; null takes the marks off. */
function mark(el: Element, a: AppliedAction | null): void {
  MARKS.forEach((m, i) =>
    a
      ? el.setAttribute(`data-wm-${m}`, [a.journey, a.stage, a.branch, a.actionId][i])
      : el.removeAttribute(`data-wm-${m}`),
  );
}

const isMarked = (el: Element, a: AppliedAction) =>
  el.getAttribute("data-wm-journey") === a.journey && el.getAttribute("data-wm-action") === a.actionId;

export function query(selector: string): Element[] {
  try {
    return [...document.querySelectorAll(selector)];
  } catch {
    return []; // a selector the browser does not support
  }
}

/** Where the action applies: every match, as at the edge, except where the edge refuses it too (refusedAt). */
const targets = (act: Act) => query(act.selector).filter((el) => !refusedAt(act, el.tagName));

/** The <waymark-slot>s an insert action put in the page (the edge's or the beacon's). */
const slotsOf = (a: AppliedAction) => [...document.getElementsByTagName("waymark-slot")].filter((s) => isMarked(s, a));

/**
 * The value a browser reads from the edge's set_attribute markup. `value` is HTML (the engine escapes template
 * values), and the edge writes it with only `"` escaped: parse it the same way, in an inert template.
 */
function attributeValue(html: string): string {
  if (!html.includes("&")) return html;
  const t = document.createElement("template");
  t.innerHTML = `<i title="${html.replace(/"/g, "&quot;")}"></i>`;
  return (t.content.firstChild as Element).getAttribute("title") || "";
}

/**
 * The declarations of a style action (hide: `display:none!important`) as [property, value, priority], parsed by
 * the browser itself (shorthands expanded), so what is applied and what is checked compare like for like. Applied
 * through the CSSOM, never a style attribute in markup: allowed under a strict CSP.
 */
function declarations(act: Act): string[][] {
  const s = document.createElement("i").style;
  s.cssText = act.type === "style" ? act.css : "display:none!important";
  return Array.from(s, (p) => [p, s.getPropertyValue(p), s.getPropertyPriority(p)]);
}

/** Is the change (still) in the page? A missing target counts as present: there is nothing to apply it to. */
export function isPresent(a: AppliedAction, written: Written): boolean {
  const act = a.action as Act;
  const els = targets(act);
  if (!els.length) return true;
  if (act.type === "insert") return !!slotsOf(a)[0];
  return (
    act.type !== "remove" &&
    els.every((el) => {
      if (act.type === "set_attribute") return el.getAttribute(act.name) === attributeValue(act.value);
      if (act.type === "replace") {
        // A re-render may keep the element (and our marks) but reset its content: compare with what was written.
        if (!written.has(el) && isMarked(el, a)) written.set(el, el.innerHTML);
        return written.get(el) === el.innerHTML;
      }
      const style = (el as HTMLElement).style;
      return declarations(act).every(([p, v]) => style.getPropertyValue(p) === v);
    })
  );
}

const WHERE = { before: "beforebegin", after: "afterend", prepend: "afterbegin", append: "beforeend" } as const;

/**
 * Applies a page action in the browser as the edge applies it in the HTML (every match, marked the same way) and
 * returns how to undo it, element by element. Inserted and replaced HTML comes from the engine, rendered with
 * visitor values escaped; scripts in it do not run (innerHTML), unlike in the edge's HTML.
 */
export function applyAction(a: AppliedAction, written: Written): Undo[] {
  const act = a.action as Act;
  return targets(act).map((el): Undo => {
    if (act.type === "remove") {
      const parent = el.parentNode;
      const next = el.nextSibling;
      el.remove();
      // Back where it was, unless the parent has gone (a re-render) or the element is back already.
      return () =>
        parent!.isConnected &&
        !el.isConnected &&
        parent!.insertBefore(el, next && next.parentNode === parent ? next : null);
    }
    if (act.type === "insert") {
      const slot = document.createElement("waymark-slot");
      mark(slot, a);
      slot.style.display = "contents";
      slot.innerHTML = act.html;
      el.insertAdjacentElement(WHERE[act.position] || "beforeend", slot);
      return () => slot.remove();
    }
    mark(el, a);
    if (act.type === "replace") {
      const was = el.innerHTML;
      // `text` arrives HTML-escaped from the engine, as the edge inserted it.
      el.innerHTML = act.html || act.text || "";
      written.set(el, el.innerHTML);
      return () => {
        if (written.get(el) === el.innerHTML) el.innerHTML = was;
        mark(el, null);
      };
    }
    if (act.type === "set_attribute") {
      const was = el.getAttribute(act.name);
      const value = attributeValue(act.value);
      el.setAttribute(act.name, value);
      return () => {
        if (el.getAttribute(act.name) === value)
          was === null ? el.removeAttribute(act.name) : el.setAttribute(act.name, was);
        mark(el, null);
      };
    }
    const style = (el as HTMLElement).style;
    const was = declarations(act).map(([p, v, pr]) => {
      const old = [p, style.getPropertyValue(p), style.getPropertyPriority(p)];
      style.setProperty(p, v, pr);
      return old;
    });
    return () => {
      was.forEach(([p, v, pr]) => style.setProperty(p, v, pr));
      mark(el, null);
    };
  });
}

/**
 * Takes a change the edge made out of the page, as far as the page still says how: its inserted slots, its
 * hide/style declarations on the elements it matches. (What a replace, set_attribute or remove at the edge replaced
 * never reached the browser; a route's own render replaces that content in practice.)
 */
export function unapply(a: AppliedAction): void {
  const act = a.action as Act;
  slotsOf(a).forEach((s) => s.remove());
  if (act.type === "hide" || act.type === "style")
    for (const el of query(act.selector))
      declarations(act).forEach(([p]) => (el as HTMLElement).style.removeProperty(p));
}
