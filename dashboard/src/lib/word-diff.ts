/** A run of text on one side of a comparison; `changed` when the other side does not have it. */
export interface DiffSpan {
  text: string;
  changed: boolean;
}

/** One line of a side, with its spans; `changed` when any span on it is. */
export interface DiffLine {
  spans: DiffSpan[];
  changed: boolean;
}

// Words, runs of whitespace, and each punctuation mark alone, so `<b>` -> `<i>` marks only the letter.
const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
// Past this many cells the LCS table is too slow for a click: the middle is marked changed as a whole.
const MAX_CELLS = 2_000_000;

const tokens = (s: string): string[] => s.match(TOKEN) ?? [];

/** Adjacent spans with the same flag as one; whitespace alone between two changes counts as changed. */
function tidy(spans: DiffSpan[]): DiffSpan[] {
  const marked = spans.map((s, i) =>
    !s.changed && /^\s+$/.test(s.text) && spans[i - 1]?.changed && spans[i + 1]?.changed ? { ...s, changed: true } : s,
  );
  const out: DiffSpan[] = [];
  for (const s of marked) {
    const last = out[out.length - 1];
    if (last && last.changed === s.changed) last.text += s.text;
    else if (s.text) out.push({ ...s });
  }
  return out;
}

/**
 * What differs between two texts, word by word, on each side (a longest common subsequence of tokens).
 * Example: wordDiff("Save 10%", "Save 20%") -> before [Save ][10][%], after [Save ][20][%], the numbers changed.
 */
export function wordDiff(before: string, after: string): { before: DiffSpan[]; after: DiffSpan[] } {
  const a = tokens(before);
  const b = tokens(after);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const keepA = new Array<boolean>(am.length).fill(false);
  const keepB = new Array<boolean>(bm.length).fill(false);
  if (am.length && bm.length && am.length * bm.length <= MAX_CELLS) {
    // lcs[i][j]: length of the LCS of am[i..] and bm[j..], one flat row-major array.
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--)
      for (let j = bm.length - 1; j >= 0; j--)
        lcs[i * w + j] =
          am[i] === bm[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < am.length && j < bm.length) {
      if (am[i] === bm[j]) {
        keepA[i++] = true;
        keepB[j++] = true;
      } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) i++;
      else j++;
    }
  }
  const side = (all: string[], mid: boolean[]): DiffSpan[] =>
    tidy(all.map((text, k) => ({ text, changed: k >= pre && k < all.length - suf && !mid[k - pre] })));
  return { before: side(a, keepA), after: side(b, keepB) };
}

/** Spans cut into lines (for source shown line by line), each line flagged when something on it changed. */
export function diffLines(spans: readonly DiffSpan[]): DiffLine[] {
  const lines: DiffLine[] = [{ spans: [], changed: false }];
  for (const s of spans) {
    s.text.split("\n").forEach((part, k) => {
      if (k > 0) lines.push({ spans: [], changed: false });
      const line = lines[lines.length - 1];
      if (part) line.spans.push({ text: part, changed: s.changed });
      if (s.changed && (part || k > 0)) line.changed = true;
    });
  }
  return lines;
}
