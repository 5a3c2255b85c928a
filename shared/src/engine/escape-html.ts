const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "=": "&#61;",
};
const UNSAFE = /[&<>"'`=]/g;
// A separate non-global RegExp: .test() on a global one would carry lastIndex between calls.
const HAS_UNSAFE = /[&<>"'`=]/;

/** Escapes a value for HTML text and quoted attributes (also ` and =, for sloppy unquoted attributes). */
export function escapeHtml(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, (c) => ENTITIES[c]) : s;
}
