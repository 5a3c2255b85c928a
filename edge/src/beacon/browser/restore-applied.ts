import type { AppliedAction } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";
import { guard } from "./guard.ts";

/** Past these, a framework is fighting us: stop restoring rather than loop. */
const MAX_RESTORES = 40;
const MAX_RESTORES_PER_SECOND = 12;

const MARKS = ["journey", "stage", "branch", "action"] as const;

function mark(el: Element, a: AppliedAction) {
  const values = [a.journey, a.stage, a.branch, a.actionId];
  MARKS.forEach((m, i) => el.setAttribute(`data-wm-${m}`, values[i]));
}

/**
 * The value a browser reads from the edge's set_attribute markup. `value` is HTML (the engine escapes template
 * values), and the edge writes it with only `"` escaped: parse it the same way, in an inert template.
 */
function attributeValue(html: string): string {
  if (!html.includes("&")) return html;
  const t = document.createElement("template");
  t.innerHTML = `<i title="${html.replace(/"/g, "&quot;")}"></i>`;
  return (t.content.firstChild as Element | null)?.getAttribute("title") ?? html;
}

const isMarked = (el: Element, a: AppliedAction) =>
  el.getAttribute("data-wm-journey") === a.journey && el.getAttribute("data-wm-action") === a.actionId;

function query(selector: string): Element[] {
  try {
    return [...document.querySelectorAll(selector)];
  } catch {
    return []; // a selector the browser does not support
  }
}

/** Is the edge change still in the page? (A missing target counts as present: there is nothing to restore onto.) */
function present(a: AppliedAction, baseline: Map<AppliedAction, string>): boolean {
  const act = a.action;
  if (act.type === "insert") {
    for (const s of document.getElementsByTagName("waymark-slot")) if (isMarked(s, a)) return true;
    return !query(act.selector).length;
  }
  if (act.type === "remove") return !query(act.selector).length;
  if (act.type !== "replace" && act.type !== "set_attribute" && act.type !== "hide") return true;
  const el = query(act.selector)[0];
  if (!el) return true;
  if (!isMarked(el, a)) return false;
  if (act.type === "set_attribute") return el.getAttribute(act.name) === attributeValue(act.value);
  if (act.type === "hide") return (el as HTMLElement).style.display === "none";
  // A re-render may keep the element (and our marks) but reset its content: compare with what we first saw.
  const seen = baseline.get(a);
  if (seen === undefined) baseline.set(a, el.innerHTML);
  return seen === undefined || seen === el.innerHTML;
}

function apply(a: AppliedAction, baseline: Map<AppliedAction, string>): boolean {
  const act = a.action;
  if (act.type === "remove") {
    const els = query(act.selector);
    els.forEach((el) => el.remove());
    return els.length > 0;
  }
  if (!("selector" in act)) return false;
  const el = query(act.selector)[0];
  // Never where the edge refuses it either: content inside a <script>, <style>, <textarea>... (refusedAt).
  if (!el || refusedAt(act, el.tagName)) return false;
  if (act.type === "insert") {
    const slot = document.createElement("waymark-slot");
    mark(slot, a);
    slot.style.display = "contents"; // CSSOM, not a style attribute in markup: allowed under a strict CSP
    slot.innerHTML = act.html;
    const where = { before: "beforebegin", after: "afterend", prepend: "afterbegin", append: "beforeend" } as const;
    el.insertAdjacentElement(where[act.position] ?? "beforeend", slot);
    return true;
  }
  if (act.type === "replace") {
    if (act.html !== undefined) el.innerHTML = act.html;
    // `text` arrives HTML-escaped from the engine, as the edge inserted it.
    else el.innerHTML = act.text ?? "";
    baseline.set(a, el.innerHTML);
  } else if (act.type === "set_attribute") el.setAttribute(act.name, attributeValue(act.value));
  else if (act.type === "hide") (el as HTMLElement).style.setProperty("display", "none", "important");
  else return false;
  mark(el, a);
  return true;
}

/**
 * Hydration safety: keeps the edge's changes (manifest.applied) in the page when a client framework re-renders and
 * wipes them. Idempotent: a change is re-applied only when its marked element is gone or reset, at the same selector
 * and position, so nothing is ever duplicated; gives up after a bounded number of restorations.
 */
export function restoreApplied(applied: AppliedAction[]): void {
  const actions = applied.filter((a) => a && a.action && a.action.type !== "nudge" && a.action.type !== "redirect");
  if (!actions.length || typeof MutationObserver === "undefined") return;
  const baseline = new Map<AppliedAction, string>();
  let restores = 0;
  let recent: number[] = [];
  const observer = new MutationObserver(guard(() => check()));
  // Attribute changes only matter to set_attribute and hide; watching them otherwise would cost on busy pages.
  const attributeFilter = ["data-wm-action"];
  for (const a of actions) {
    if (a.action.type === "set_attribute") attributeFilter.push(a.action.name);
    if (a.action.type === "hide") attributeFilter.push("style");
  }
  const attributes = attributeFilter.length > 1;
  const observe = () =>
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      ...(attributes ? { attributes, attributeFilter } : {}),
    });

  const check = () => {
    observer.disconnect();
    try {
      for (const a of actions) {
        if (present(a, baseline)) continue;
        const now = Date.now();
        recent = recent.filter((t) => now - t < 1000);
        if (restores >= MAX_RESTORES || recent.length >= MAX_RESTORES_PER_SECOND) {
          console.warn("waymark: the page keeps removing personalized content; no longer restoring it");
          return; // stays disconnected
        }
        if (apply(a, baseline)) {
          restores++;
          recent.push(now);
        }
      }
    } catch {
      /* never break the page */
    }
    observe();
  };
  check();
}
