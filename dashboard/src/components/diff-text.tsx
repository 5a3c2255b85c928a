import { diffLines, type DiffSpan } from "../lib/word-diff.ts";

/**
 * One side of a changed value with the words that differ marked: removed words in <del> on the before side, added
 * ones in <ins> on the after side. `lines` shows source line by line, a changed line flagged in the margin.
 */
export function DiffText({
  spans,
  side,
  lines,
}: {
  spans: readonly DiffSpan[];
  side: "before" | "after";
  lines?: boolean;
}) {
  const Mark = side === "before" ? "del" : "ins";
  const runs = (s: readonly DiffSpan[]) =>
    s.map((span, i) => (span.changed ? <Mark key={i}>{span.text}</Mark> : <span key={i}>{span.text}</span>));
  if (!lines) return <div class="diff-text">{runs(spans)}</div>;
  return (
    <pre class="diff-src">
      {diffLines(spans).map((line, i) => (
        <div key={i} class={line.changed ? "line changed" : "line"}>
          {line.spans.length ? runs(line.spans) : "\u200b"}
        </div>
      ))}
    </pre>
  );
}
