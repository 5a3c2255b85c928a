import { redirectNeedsHostCheck } from "@waymark/shared";
import { fieldId } from "../lib/field-key.ts";
import {
  ACTION_COMMON_FIELDS,
  ACTION_FIELDS,
  ACTION_LABELS,
  ACTION_TYPES,
  changeActionType,
  type ActionType,
} from "../lib/action-fields.ts";
import { hasIssueUnder } from "../lib/place-issues.ts";
import { ActionPreview } from "./action-preview.tsx";
import { Disclosure } from "./disclosure.tsx";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { RowButtons } from "./row-buttons.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";

/** One action: what it changes on the page (or the nudge it shows), where in the journey, and a live preview. */
export function ActionCard(p: {
  index: number;
  action: Record<string, unknown>;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const ed = useEditor();
  const { index: i, action } = p;
  const base = ["actions", i];
  const key = `actions.${i}`;
  const type = action.type as ActionType;
  const known = ACTION_TYPES.includes(type);
  const name = typeof action.id === "string" && action.id ? action.id : `a${i}`;
  const html = typeof action.html === "string" ? action.html : undefined;
  return (
    <li class="card action-card" id={fieldId(key)} tabIndex={-1}>
      <header class="section-head">
        <h3>
          {known ? ACTION_LABELS[type] : String(action.type)} <span class="muted mono">{name}</span>
        </h3>
        <RowButtons
          label={`action ${name}`}
          onUp={i > 0 ? () => p.onMove(-1) : undefined}
          onDown={i < p.count - 1 ? () => p.onMove(1) : undefined}
          onRemove={p.onRemove}
        />
      </header>
      <FieldErrors id={`${fieldId(key)}-err`} messages={ed.issues.get(key)} />
      <div class="action-body">
        <div class="action-fields">
          <SelectField
            id={fieldId(`${key}.type`)}
            label="Type"
            value={String(action.type ?? "")}
            options={ACTION_TYPES.map((t) => ({ value: t, label: ACTION_LABELS[t] }))}
            errors={ed.issues.get(`${key}.type`)}
            onChange={(t) => ed.set(base, changeActionType(action, t as ActionType))}
          />
          {known && ACTION_FIELDS[type].map((f) => <SpecField key={f.name} base={base} spec={f} owner={action} />)}
          {type === "redirect" && ed.siteHosts === null && redirectNeedsHostCheck(action.url) && (
            <p class="hint warning" id={`${fieldId(`${key}.url`)}-warn`} role="status">
              This site's host is not known (ORIGIN_URL is not set), so this address cannot be checked to stay on the
              site. A path like /pricing always does.
            </p>
          )}
        </div>
        {html !== undefined && (
          <ActionPreview
            html={html}
            values={ed.sample}
            kind={type === "nudge" ? "nudge" : "page"}
            title={typeof action.title === "string" ? action.title : undefined}
            label={`Preview of action ${name}`}
          />
        )}
      </div>
      <Disclosure
        class="sub"
        summary="Stages, branches, slot and conditions"
        reveal={ACTION_COMMON_FIELDS.some((f) => hasIssueUnder(ed.issues, `${key}.${f.name}`))}
      >
        <div class="grid">
          {ACTION_COMMON_FIELDS.filter((f) => f.kind !== "conditions").map((f) => (
            <SpecField key={f.name} base={base} spec={f} owner={action} />
          ))}
        </div>
        {ACTION_COMMON_FIELDS.filter((f) => f.kind === "conditions").map((f) => (
          <SpecField key={f.name} base={base} spec={f} owner={action} />
        ))}
      </Disclosure>
    </li>
  );
}
