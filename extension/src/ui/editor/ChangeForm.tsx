import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { EditorChange, type EditorChangeInput } from "../../editor/editor-change.ts";
import { renderTemplate, TEMPLATES, TemplateId, type TemplateFieldsInput } from "../../editor/templates.ts";
import type { EditorSelection } from "../../messaging/editor-protocol.ts";

const KINDS = [
  ["text", "Edit text"],
  ["insert", "Insert from a template"],
  ["html", "Replace inner HTML"],
  ["attribute", "Change an attribute"],
  ["style", "Change style"],
  ["hide", "Hide"],
  ["remove", "Remove"],
  ["track", "Clicks count as an event"],
  ["view", "Views of this page count as an event"],
  ["redirect", "Redirect this page"],
] as const;
type Kind = (typeof KINDS)[number][0];

const FIELD_LABELS: Record<keyof TemplateFieldsInput, string> = {
  text: "Text",
  detail: "Detail / link text",
  url: "Link or image URL",
  event: "Click event",
  background: "Background",
  color: "Text colour",
};

function value(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

/** The change to make on the selected element: one form per kind, each producing an EditorChange. */
export function ChangeForm({
  sel,
  busy,
  onApply,
}: {
  sel: EditorSelection;
  busy: boolean;
  onApply: (change: EditorChange, thisPageOnly: boolean) => void;
}) {
  const kind = useSignal<Kind>("text");
  const text = useSignal(sel.text);
  const html = useSignal(sel.html);
  const position = useSignal<"before" | "after" | "prepend" | "append">("before");
  const template = useSignal<TemplateId>("banner");
  const fields = useSignal<TemplateFieldsInput>({
    text: "",
    detail: "",
    url: "",
    event: "",
    background: "#1a5fb4",
    color: "#ffffff",
  });
  const attr = useSignal<"src" | "href" | "alt">("href");
  const attrValue = useSignal(sel.attributes.href ?? "");
  const css = useSignal("");
  const url = useSignal("");
  const viewUrl = useSignal("");
  const event = useSignal("");
  const goal = useSignal(true);
  const thisPage = useSignal(true);
  const error = useSignal<string | null>(null);

  // A new selection starts from what that element holds.
  useEffect(() => {
    text.value = sel.text;
    html.value = sel.html;
    attrValue.value = sel.attributes[attr.value] ?? "";
  }, [sel.selector, sel.text]);

  const build = (): EditorChangeInput => {
    const s = sel.selector;
    switch (kind.value) {
      case "text":
        return { kind: "text", selector: s, text: text.value };
      case "html":
        return { kind: "html", selector: s, html: html.value };
      case "insert":
        return {
          kind: "insert",
          selector: s,
          position: position.value,
          html: renderTemplate(template.value, fields.value),
        };
      case "attribute":
        return { kind: "attribute", selector: s, name: attr.value, value: attrValue.value };
      case "style":
        return { kind: "style", selector: s, css: css.value };
      case "hide":
      case "remove":
        return { kind: kind.value, selector: s };
      case "track":
        return { kind: "track", selector: s, event: event.value, goal: goal.value };
      case "view":
        return { kind: "view", url: viewUrl.value || sel.path, event: event.value, goal: goal.value };
      case "redirect":
        return { kind: "redirect", url: url.value };
    }
  };
  const apply = () => {
    try {
      const parsed = EditorChange.safeParse(build());
      if (!parsed.success) {
        error.value = parsed.error.issues.map((i) => `${i.path.join(".") || kind.value}: ${i.message}`).join("; ");
        return;
      }
      error.value = null;
      onApply(parsed.data, thisPage.value);
    } catch (err) {
      // renderTemplate refuses a bad colour or event name (a ZodError naming the field)
      error.value = err instanceof Error ? err.message : String(err);
    }
  };

  return (
    <div class="stack" data-testid="editor-change">
      <label class="field">
        Change
        <select data-testid="editor-kind" value={kind.value} onChange={(e) => (kind.value = value(e) as Kind)}>
          {KINDS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {kind.value === "text" && (
        <>
          {!sel.textOnly && (
            <div class="banner" data-testid="editor-text-warning">
              This element holds other elements: replacing its text removes them.
            </div>
          )}
          <textarea data-testid="editor-text" rows={3} value={text.value} onInput={(e) => (text.value = value(e))} />
        </>
      )}
      {kind.value === "html" && (
        <textarea
          data-testid="editor-html"
          class="mono"
          rows={6}
          value={html.value}
          onInput={(e) => (html.value = value(e))}
        />
      )}
      {kind.value === "insert" && (
        <>
          <div class="row">
            <select
              data-testid="editor-template"
              value={template.value}
              onChange={(e) => (template.value = value(e) as TemplateId)}
            >
              {TemplateId.options.map((id) => (
                <option key={id} value={id}>
                  {TEMPLATES[id].label}
                </option>
              ))}
            </select>
            <select
              data-testid="editor-position"
              value={position.value}
              onChange={(e) => (position.value = value(e) as "before")}
            >
              {(["before", "after", "prepend", "append"] as const).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          {TEMPLATES[template.value].fields.map((f) => (
            <label class="field" key={f}>
              {FIELD_LABELS[f]}
              <input
                data-testid={`editor-tpl-${f}`}
                type={f === "background" || f === "color" ? "color" : "text"}
                value={String(fields.value[f] ?? "")}
                onInput={(e) => (fields.value = { ...fields.value, [f]: value(e) })}
              />
            </label>
          ))}
        </>
      )}
      {kind.value === "attribute" && (
        <div class="row">
          <select
            data-testid="editor-attr-name"
            value={attr.value}
            onChange={(e) => {
              attr.value = value(e) as "href";
              attrValue.value = sel.attributes[attr.value] ?? "";
            }}
          >
            <option value="href">href (link)</option>
            <option value="src">src (image)</option>
            <option value="alt">alt (image text)</option>
          </select>
          <input
            data-testid="editor-attr-value"
            value={attrValue.value}
            onInput={(e) => (attrValue.value = value(e))}
          />
        </div>
      )}
      {kind.value === "style" && (
        <input
          data-testid="editor-css"
          class="mono"
          placeholder="color: #b00; font-weight: 600"
          value={css.value}
          onInput={(e) => (css.value = value(e))}
        />
      )}
      {kind.value === "view" && (
        <input
          data-testid="editor-view-url"
          class="mono"
          placeholder={`${sel.path} (a path glob: * within a segment, ** across)`}
          value={viewUrl.value}
          onInput={(e) => (viewUrl.value = value(e))}
        />
      )}
      {(kind.value === "track" || kind.value === "view") && (
        <>
          <input
            data-testid="editor-event"
            placeholder="event name, e.g. cta_click"
            value={event.value}
            onInput={(e) => (event.value = value(e))}
          />
          <label>
            <input
              type="checkbox"
              data-testid="editor-goal"
              checked={goal.value}
              onChange={() => (goal.value = !goal.value)}
            />{" "}
            It is a goal of the journey (a conversion)
          </label>
        </>
      )}
      {kind.value === "redirect" && (
        <input
          data-testid="editor-redirect"
          placeholder="/other-page"
          value={url.value}
          onInput={(e) => (url.value = value(e))}
        />
      )}
      {kind.value !== "track" && kind.value !== "view" && kind.value !== "redirect" && (
        <label>
          <input
            type="checkbox"
            data-testid="editor-this-page"
            checked={thisPage.value}
            onChange={() => (thisPage.value = !thisPage.value)}
          />{" "}
          On this page only ({sel.path})
        </label>
      )}
      {error.value && (
        <div class="banner error" data-testid="editor-form-error">
          {error.value}
        </div>
      )}
      <button class="primary" disabled={busy} data-testid="editor-apply" onClick={apply}>
        Save to draft and preview
      </button>
    </div>
  );
}
