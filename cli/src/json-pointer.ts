/** RFC 6901 JSON pointer of a zod issue path, e.g. ["actions", 0, "html"] -> "/actions/0/html". */
export function jsonPointer(path: readonly PropertyKey[], prefix = ""): string {
  const tail = path.map((p) => "/" + String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
  return prefix + tail;
}

/** How a pointer is shown to people: the document root as "/" rather than an empty string. */
export function showPointer(pointer: string): string {
  return pointer === "" ? "/" : pointer;
}
