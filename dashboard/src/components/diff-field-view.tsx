import type { TemplateValues } from "@waymark/shared";
import type { DiffField, DiffItem } from "../lib/journey-diff.ts";
import { wordDiff, type DiffSpan } from "../lib/word-diff.ts";
import { DiffPreview } from "./diff-preview.tsx";
import { DiffText } from "./diff-text.tsx";

const SIDE_TEXT = { before: "Before", after: "After" } as const;

interface ValueProps {
  item: DiffItem;
  field: DiffField;
  which: "before" | "after";
  value: string;
  spans: readonly DiffSpan[];
  values: TemplateValues;
}

/** A value on one side: HTML and visitor text rendered (sandboxed) above their source; others as text. */
function SideValue({ item, field, which, value, spans, values }: ValueProps) {
  const rendered = field.kind !== "plain";
  const lines = rendered || value.includes("\n");
  const full = item.label ? `${item.label} · ${field.label}` : field.label;
  return (
    <>
      {rendered && <span class="diff-caption">As a visitor sees it (sample values)</span>}
      {rendered && (
        <DiffPreview
          source={value}
          kind={field.kind === "text" ? "text" : "html"}
          values={values}
          frame={item.preview?.kind ?? "page"}
          title={which === "before" ? item.preview?.titleBefore : item.preview?.titleAfter}
          label={`${full}, ${SIDE_TEXT[which].toLowerCase()}, rendered with sample values`}
        />
      )}
      {rendered && <span class="diff-caption">{field.kind === "html" ? "HTML source" : "Text as written"}</span>}
      <DiffText spans={spans} side={which} lines={lines} />
    </>
  );
}

/**
 * One field of a changed item, before and after side by side, the differing words marked and the lines holding
 * them flagged.
 */
export function DiffFieldView(p: { item: DiffItem; field: DiffField; values: TemplateValues }) {
  const { item, field } = p;
  const spans = wordDiff(field.before ?? "", field.after ?? "");
  const side = (which: "before" | "after") => {
    const value = field[which];
    return (
      <div class={value === null ? `diff-side ${which} absent` : `diff-side ${which}`}>
        <span class="side-tag">{SIDE_TEXT[which]}</span>
        {value === null ? (
          <span class="muted">(not set)</span>
        ) : (
          <SideValue item={item} field={field} which={which} value={value} spans={spans[which]} values={p.values} />
        )}
      </div>
    );
  };
  return (
    <div
      class="diff-field"
      data-field={field.key}
      role="group"
      aria-label={item.label ? `${item.label} · ${field.label}` : field.label}
    >
      <div class="diff-field-label">{field.label}</div>
      <div class="diff-sides">
        {side("before")}
        {side("after")}
      </div>
    </div>
  );
}

/** An item only one side has (added or removed): its fields as a list in one box, nothing marked word by word. */
export function DiffItemOneSide(p: { item: DiffItem; values: TemplateValues }) {
  const which = p.item.change === "removed" ? "before" : "after";
  return (
    <div class={`diff-side ${which} whole`}>
      <dl class="diff-dl">
        {p.item.fields.map((f) => {
          const value = f[which] ?? "";
          return (
            <div key={f.key} class="diff-field" data-field={f.key}>
              <dt>{f.label}</dt>
              <dd>
                <SideValue
                  item={p.item}
                  field={f}
                  which={which}
                  value={value}
                  spans={[{ text: value, changed: false }]}
                  values={p.values}
                />
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
