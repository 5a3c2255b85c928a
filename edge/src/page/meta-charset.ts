// The WHATWG HTML "prescan a byte stream to determine its encoding" (13.2.3.2), for pages whose Content-Type names
// no charset: browsers then decode with the charset of the first valid <meta charset> or <meta http-equiv=
// "Content-Type" content="...; charset=..."> in the first 1024 bytes, skipping comments and other tags' attributes.

const WS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** The labels of UTF-16, which a meta may not select: the spec reads them as UTF-8. */
const UTF16_LABELS = new Set([
  "csunicode",
  "iso-10646-ucs-2",
  "ucs-2",
  "unicode",
  "unicodefeff",
  "utf-16",
  "utf-16le",
  "unicodefffe",
  "utf-16be",
]);

/**
 * The charset label a page's markup declares within its first bytes (lowercased, trimmed), or null. Labels
 * `isKnown` rejects are skipped, as browsers skip unsupported ones; UTF-16 labels come back as "utf-8" and
 * x-user-defined as "windows-1252", as the spec says.
 */
export function prescanMetaCharset(bytes: Uint8Array, isKnown: (label: string) => boolean): string | null {
  const n = bytes.length;
  const lower = (i: number) => (bytes[i] >= 0x41 && bytes[i] <= 0x5a ? bytes[i] + 0x20 : bytes[i]);
  const startsWith = (i: number, text: string) => {
    if (i + text.length > n) return false;
    for (let k = 0; k < text.length; k++) if (lower(i + k) !== text.charCodeAt(k)) return false;
    return true;
  };
  const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

  // "Get an attribute": returns [name, value] and moves `pos`, or null at ">" / the end.
  let pos = 0;
  const getAttribute = (): [string, string] | null => {
    while (pos < n && (WS.has(bytes[pos]) || bytes[pos] === 0x2f)) pos++;
    if (pos >= n || bytes[pos] === 0x3e) return null;
    let name = "";
    for (;;) {
      if (pos >= n) return null;
      const b = bytes[pos];
      if (b === 0x3d && name !== "") break;
      if (WS.has(b)) {
        while (pos < n && WS.has(bytes[pos])) pos++;
        if (pos >= n || bytes[pos] !== 0x3d) return [name, ""];
        break;
      }
      if (b === 0x2f || b === 0x3e) return [name, ""];
      name += String.fromCharCode(lower(pos));
      pos++;
    }
    pos++; // past "="
    while (pos < n && WS.has(bytes[pos])) pos++;
    if (pos >= n) return null;
    let value = "";
    const quote = bytes[pos];
    if (quote === 0x22 || quote === 0x27) {
      pos++;
      while (pos < n && bytes[pos] !== quote) value += String.fromCharCode(lower(pos++));
      if (pos >= n) return null;
      pos++;
      return [name, value];
    }
    while (pos < n && !WS.has(bytes[pos]) && bytes[pos] !== 0x3e) value += String.fromCharCode(lower(pos++));
    return [name, value];
  };

  while (pos < n) {
    if (startsWith(pos, "<!--")) {
      let end = pos + 2;
      while (end + 2 < n && !(bytes[end] === 0x2d && bytes[end + 1] === 0x2d && bytes[end + 2] === 0x3e)) end++;
      if (end + 2 >= n) return null;
      pos = end + 3;
      continue;
    }
    if (startsWith(pos, "<meta") && pos + 5 < n && (WS.has(bytes[pos + 5]) || bytes[pos + 5] === 0x2f)) {
      pos += 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null = null;
      for (let attr = getAttribute(); attr; attr = getAttribute()) {
        const [name, value] = attr;
        if (seen.has(name)) continue;
        seen.add(name);
        if (name === "http-equiv") {
          if (value === "content-type") gotPragma = true;
        } else if (name === "content") {
          const found = charsetFromContent(value);
          if (found !== null && charset === null) {
            charset = found;
            needPragma = true;
          }
        } else if (name === "charset") {
          charset = value.trim();
          needPragma = false;
        }
      }
      if (needPragma === null || (needPragma && !gotPragma) || !charset) continue;
      if (UTF16_LABELS.has(charset)) return "utf-8";
      if (charset === "x-user-defined") return "windows-1252";
      if (isKnown(charset)) return charset;
      continue;
    }
    if (
      bytes[pos] === 0x3c &&
      pos + 1 < n &&
      (isLetter(bytes[pos + 1]) || (bytes[pos + 1] === 0x2f && pos + 2 < n && isLetter(bytes[pos + 2])))
    ) {
      while (pos < n && !WS.has(bytes[pos]) && bytes[pos] !== 0x3e) pos++;
      while (getAttribute());
      pos++;
      continue;
    }
    if (startsWith(pos, "<!") || startsWith(pos, "</") || startsWith(pos, "<?")) {
      while (pos < n && bytes[pos] !== 0x3e) pos++;
      pos++;
      continue;
    }
    pos++;
  }
  return null;
}

/** "Extract a character encoding from a meta element": the charset= of a content attribute (lowercased). */
function charsetFromContent(content: string): string | null {
  let i = 0;
  for (;;) {
    const at = content.indexOf("charset", i);
    if (at < 0) return null;
    let j = at + 7;
    while (j < content.length && WS.has(content.charCodeAt(j))) j++;
    if (content[j] !== "=") {
      i = at + 7;
      continue;
    }
    j++;
    while (j < content.length && WS.has(content.charCodeAt(j))) j++;
    if (j >= content.length) return null;
    const q = content[j];
    if (q === '"' || q === "'") {
      const end = content.indexOf(q, j + 1);
      return end < 0 ? null : content.slice(j + 1, end).trim();
    }
    let end = j;
    while (end < content.length && !WS.has(content.charCodeAt(end)) && content[end] !== ";") end++;
    return content.slice(j, end);
  }
}
