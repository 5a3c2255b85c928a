// Attributes whose value is a URL the browser may navigate to or load.
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"]);
// Browsers ignore leading spaces and control characters and the case of a scheme ("  JaVa\tscript:").
const SCRIPT_URL = /^(?:javascript|vbscript):/i;
const IGNORED = /[\u0000-\u0020\u007f]+/g;

/** Why setting this attribute could run script (an on* handler or srcdoc), or null when the name is harmless. */
export function unsafeAttributeName(name: string): string | null {
  const n = name.toLowerCase();
  if (n.startsWith("on")) return `event-handler attribute ${name} needs "allowScripts": true`;
  if (n === "srcdoc") return `attribute ${name} needs "allowScripts": true`;
  return null;
}

/** True when `value` set on attribute `name` would be a javascript: or vbscript: URL. */
export function isScriptUrlValue(name: string, value: string): boolean {
  if (!URL_ATTRIBUTES.has(name.toLowerCase())) return false;
  return SCRIPT_URL.test(decodeEntities(value).replace(IGNORED, ""));
}

/** Enough entity decoding to see a scheme through "&#106;avascript:" or "javascript&colon;". */
function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n");
}
