/**
 * The CSS Syntax Level 3 tokens a selector is made of (https://drafts.csswg.org/css-syntax-3/#tokenization), as the
 * Rust `cssparser` crate behind HTMLRewriter (lol-html) reads them: comments dropped, escapes decoded, `~=` `|=` `^=`
 * `$=` `*=` as one token. Only what a selector can contain is told apart; everything else is a `delim` or `other`.
 */
export type CssToken =
  | { t: "ws" }
  | { t: "ident"; v: string }
  | { t: "function"; v: string }
  | { t: "hash"; v: string; id: boolean }
  | { t: "string"; v: string; bad: boolean }
  | { t: "number"; int: boolean; signed: boolean }
  | { t: "dimension"; int: boolean; unit: string }
  | { t: "match"; v: "~=" | "|=" | "^=" | "$=" | "*=" }
  | { t: "delim"; v: string }
  | { t: "other"; v: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-f]$/i.test(c);
const isNameStart = (c: string | undefined) => c !== undefined && (/^[a-z_]$/i.test(c) || c.charCodeAt(0) >= 0x80);
const isName = (c: string | undefined) => isNameStart(c) || isDigit(c) || c === "-";
const isWs = (c: string | undefined) => c === " " || c === "\t" || c === "\n";
const validEscape = (a: string | undefined, b: string | undefined) => a === "\\" && b !== "\n"; // at EOF too: U+FFFD

/** Splits `src` into tokens (never throws: anything unreadable becomes a token the parser refuses). */
export function cssTokens(input: string): CssToken[] {
  // Preprocessing (css-syntax-3 3.3): one kind of newline, no NUL.
  const src = input.replace(/\r\n?|\f/g, "\n").replace(/\0/g, "\ufffd");
  const out: CssToken[] = [];
  let i = 0;
  const startsIdent = (at: number) => {
    const [a, b, c] = [src[at], src[at + 1], src[at + 2]];
    if (a === "-") return isNameStart(b) || b === "-" || validEscape(b, c);
    if (isNameStart(a)) return true;
    return validEscape(a, b);
  };
  const startsNumber = (at: number) => {
    const [a, b, c] = [src[at], src[at + 1], src[at + 2]];
    if (a === "+" || a === "-") return isDigit(b) || (b === "." && isDigit(c));
    if (a === ".") return isDigit(b);
    return isDigit(a);
  };
  const escape = (): string => {
    // i is just past the backslash
    if (isHex(src[i])) {
      let hex = "";
      while (hex.length < 6 && isHex(src[i])) hex += src[i++];
      if (isWs(src[i])) i++;
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? "\ufffd"
        : String.fromCodePoint(code);
    }
    if (i >= src.length) return "\ufffd";
    const c = String.fromCodePoint(src.codePointAt(i)!);
    i += c.length;
    return c;
  };
  const name = (): string => {
    let v = "";
    for (;;) {
      if (isName(src[i])) v += src[i++];
      else if (validEscape(src[i], src[i + 1])) {
        i++;
        v += escape();
      } else return v;
    }
  };
  const number = (): { int: boolean; signed: boolean } => {
    let int = true;
    const signed = src[i] === "+" || src[i] === "-";
    if (signed) i++;
    while (isDigit(src[i])) i++;
    if (src[i] === "." && isDigit(src[i + 1])) {
      int = false;
      i++;
      while (isDigit(src[i])) i++;
    }
    if (/[eE]/.test(src[i] ?? "")) {
      const sign = src[i + 1] === "+" || src[i + 1] === "-" ? 1 : 0;
      if (isDigit(src[i + 1 + sign])) {
        int = false;
        i += 1 + sign;
        while (isDigit(src[i])) i++;
      }
    }
    return { int, signed };
  };

  while (i < src.length) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
      continue;
    }
    if (isWs(c)) {
      while (isWs(src[i])) i++;
      out.push({ t: "ws" });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let v = "";
      let bad = false;
      while (i < src.length && src[i] !== c) {
        if (src[i] === "\n") {
          bad = true; // a newline ends the string as a bad-string (never valid in a selector)
          break;
        }
        if (src[i] === "\\") {
          if (src[i + 1] === "\n") i += 2;
          else {
            i++;
            v += escape();
          }
        } else v += src[i++];
      }
      if (src[i] === c) i++; // an unterminated string ends at EOF, as in CSS
      out.push({ t: "string", v, bad });
      continue;
    }
    if (startsNumber(i)) {
      const n = number();
      if (startsIdent(i)) out.push({ t: "dimension", int: n.int, unit: name() });
      else if (src[i] === "%") {
        i++;
        out.push({ t: "other", v: "%" });
      } else out.push({ t: "number", ...n });
      continue;
    }
    if (startsIdent(i)) {
      const v = name();
      if (src[i] === "(") {
        i++;
        out.push({ t: "function", v });
      } else out.push({ t: "ident", v });
      continue;
    }
    if (c === "#" && (isName(src[i + 1]) || validEscape(src[i + 1], src[i + 2]))) {
      i++;
      const id = startsIdent(i);
      out.push({ t: "hash", v: name(), id });
      continue;
    }
    if ("~|^$*".includes(c) && src[i + 1] === "=") {
      out.push({ t: "match", v: `${c}=` as "~=" });
      i += 2;
      continue;
    }
    if (c === "<" && src.startsWith("<!--", i)) {
      out.push({ t: "other", v: "<!--" });
      i += 4;
      continue;
    }
    if (c === "-" && src.startsWith("-->", i)) {
      out.push({ t: "other", v: "-->" });
      i += 3;
      continue;
    }
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    i += ch.length;
    out.push({ t: "delim", v: ch });
  }
  return out;
}
