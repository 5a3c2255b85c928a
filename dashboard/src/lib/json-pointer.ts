const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The value at an RFC 6901 JSON pointer ("/actions/0/html"), or undefined. */
export function getPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let cur = root;
  for (const raw of pointer.slice(1).split("/")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[unescape(raw)];
  }
  return cur;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Pointers of the leaves where `a` and `b` differ (a whole subtree when its shape changed). */
export function diffPointers(a: unknown, b: unknown, base = ""): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffPointers(a[i], b[i], `${base}/${i}`));
    return out;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffPointers(a[k], b[k], `${base}/${escape(k)}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [base];
}
