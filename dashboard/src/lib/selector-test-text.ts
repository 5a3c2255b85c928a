import type { SelectorTestResult } from "@waymark/shared";

export interface SelectorTestLine {
  tone: "ok" | "warn" | "bad";
  text: string;
}

/** What the "Test on a page" control says for an answer of POST /selector-test on `url`. */
export function selectorTestText(r: SelectorTestResult, url: string): SelectorTestLine {
  if (!r.supported) return { tone: "bad", text: `The edge cannot run this selector: ${r.message ?? "unsupported"}` };
  if (r.matches === null)
    return { tone: "warn", text: `Not counted on ${url}: ${r.message ?? "the page was not read"}` };
  if (r.matches === 0)
    return { tone: "warn", text: `No element matches on ${url}: the action would do nothing there.` };
  return { tone: "ok", text: `${r.matches} element${r.matches === 1 ? "" : "s"} match on ${url}.` };
}
