// One start or end tag read exactly as the WHATWG tokenizer reads it from its "<" (tag open state through the
// attribute states to the ">"). From the "<" on, those states depend on nothing before it: a browser that starts a tag
// at this "<", in whatever context, sees this name and these attributes.

export interface HtmlTag {
  /** ASCII-lowercased, NUL as U+FFFD, as the tokenizer names it. */
  name: string;
  endTag: boolean;
  selfClosing: boolean;
  /** Names lowercased; values as written (character references not decoded). */
  attrs: { name: string; value: string }[];
  /** Index just past the ">", or -1 when the input ends inside the tag. */
  close: number;
}

const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\f" || c === "\r";
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The tokenizer's name normalisation: ASCII upper case to lower case, NUL to U+FFFD (never Unicode case folding). */
const tokenName = (s: string) =>
  /[A-Z\0]/.test(s) ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\0/g, "\ufffd") : s;

/** True when a tag opens at `at`: "<" and an ASCII letter, or "</" and an ASCII letter. */
export function tagOpensAt(html: string, at: number): boolean {
  if (html[at] !== "<") return false;
  const c = html.charCodeAt(at + 1);
  return isAlpha(c) || (c === 47 /* / */ && isAlpha(html.charCodeAt(at + 2)));
}

/** Reads the tag opening at `at` (see tagOpensAt) to its ">" or the end of the input. */
export function readTag(html: string, at: number): HtmlTag {
  const n = html.length;
  const endTag = html[at + 1] === "/";
  let i = at + (endTag ? 2 : 1);
  const nameStart = i;
  while (i < n && !isSpace(html[i]) && html[i] !== "/" && html[i] !== ">") i++;
  const tag: HtmlTag = { name: tokenName(html.slice(nameStart, i)), endTag, selfClosing: false, attrs: [], close: -1 };
  for (;;) {
    // Before attribute name (also where "after attribute value" and "self-closing start tag" reconsume).
    while (i < n && isSpace(html[i])) i++;
    if (i >= n) return tag;
    if (html[i] === ">") return { ...tag, close: i + 1 };
    if (html[i] === "/") {
      i++;
      if (html[i] === ">") return { ...tag, selfClosing: true, close: i + 1 };
      continue;
    }
    // Attribute name: its first character may be "=" (a parse error the tokenizer keeps); '"', "'" and "<" belong.
    const attrStart = i++;
    while (i < n && !isSpace(html[i]) && html[i] !== "/" && html[i] !== ">" && html[i] !== "=") i++;
    const name = tokenName(html.slice(attrStart, i));
    // After attribute name.
    while (i < n && isSpace(html[i])) i++;
    let value = "";
    if (html[i] === "=") {
      i++;
      while (i < n && isSpace(html[i])) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const end = html.indexOf(q, i + 1);
        if (end === -1) {
          tag.attrs.push({ name, value: html.slice(i + 1) });
          return tag;
        }
        value = html.slice(i + 1, end);
        i = end + 1;
      } else if (q !== ">") {
        const start = i;
        while (i < n && !isSpace(html[i]) && html[i] !== ">") i++;
        value = html.slice(start, i);
      }
    }
    tag.attrs.push({ name, value });
  }
}
