import { Audience, WaymarkApiError, type AudienceRecord } from "@waymark/shared";
import { useEffect, useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { call, errorText } from "../api.ts";
import { can } from "../access.ts";
import { ConditionsEditor } from "../components/conditions-editor.tsx";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { EditorContext, type EditorContextValue } from "../components/editor-context.ts";
import { ErrorSummary } from "../components/error-summary.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { TextField } from "../components/text-field.tsx";
import { conditionKeys } from "../lib/editor-fields.ts";
import type { FieldPath } from "../lib/field-key.ts";
import { issueSummary, placeIssues, type Issue } from "../lib/place-issues.ts";
import { plainMessage, type RawIssue } from "../lib/plain-message.ts";
import { loadSavedAudiences } from "../lib/saved-audiences.ts";
import { setIn } from "../lib/set-in.ts";
import { slugify } from "../lib/slugify.ts";
import { href, journeyHref } from "../paths.ts";
import { say } from "../state.ts";
import { audienceHref } from "./audiences-page.tsx";

type Draft = Record<string, unknown>;

const NEW_AUDIENCE: Draft = {
  id: "",
  name: "",
  conditions: [{ type: "utm", param: "source", equals: "newsletter", touch: "first" }],
};

/** The field keys the form renders, in order (for issue placement and the error summary). */
function fieldOrder(draft: Draft): string[] {
  const out = ["", "id", "name", "description", "conditions"];
  conditionKeys("conditions", draft.conditions, out);
  return out;
}

/** Create or edit a saved audience: name, description and its conditions (the journey editor's conditions editor). */
export function AudienceEditPage({ id }: { id?: string }) {
  const isNew = id === undefined;
  const { route } = useLocation();
  const [record, setRecord] = useState<AudienceRecord | null>(null);
  const [draft, setDraft] = useState<Draft | null>(isNew ? structuredClone(NEW_AUDIENCE) : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [focusToken, setFocusToken] = useState(0);
  const [saving, setSaving] = useState(false);
  const [idFollowsName, setIdFollowsName] = useState(isNew);

  useEffect(() => {
    void loadSavedAudiences().catch(() => undefined);
    if (isNew) return;
    setDraft(null);
    call((c) => c.getAudience(id))
      .then((r) => {
        setRecord(r);
        setDraft(r.audience as Draft);
      })
      .catch((err) => setLoadError(errorText(err)));
  }, [id]);

  const local = useMemo(() => (draft ? Audience.safeParse(draft) : null), [draft]);
  const issues = useMemo((): Issue[] => {
    const out: Issue[] =
      local && !local.success
        ? local.error.issues.map((i) => ({
            path: i.path as (string | number)[],
            message: plainMessage(i as RawIssue),
          }))
        : [];
    return [...out, ...serverIssues.map((i) => ({ ...i, message: plainMessage(i) }))];
  }, [local, serverIssues]);
  const order = useMemo(() => (draft ? fieldOrder(draft) : []), [draft]);
  const placed = useMemo(() => placeIssues(issues, new Set(order)), [issues, order]);

  if (loadError) return <StatusMessage loading={false} error={loadError} />;
  if (!draft) return <StatusMessage loading={true} error={null} />;

  const set = (path: FieldPath, value: unknown) => {
    setServerIssues([]);
    let next = setIn(draft, path, value);
    if (isNew && idFollowsName && path.length === 1 && path[0] === "name")
      next = { ...next, id: slugify(String(value ?? "")) };
    setDraft(next);
  };
  const ctx: EditorContextValue = { draft, set, issues: placed, stageIds: [], branchIds: [], sample: {} };
  const text = (name: string, label: string, opts: { hint?: string; multiline?: boolean } = {}) => (
    <TextField
      id={`f-${name}`}
      label={label}
      value={typeof draft[name] === "string" ? (draft[name] as string) : ""}
      hint={opts.hint}
      multiline={opts.multiline}
      errors={placed.get(name)}
      onInput={(v) => {
        if (name === "id") setIdFollowsName(false);
        set([name], v === "" && name === "description" ? undefined : v);
      }}
    />
  );

  const save = async () => {
    if (issues.length) {
      setFocusToken((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const r = await call((c) => c.putAudience(draft as Audience));
      setRecord(r);
      setDraft(r.audience as Draft);
      void loadSavedAudiences(true).catch(() => undefined);
      if (isNew) route(audienceHref(r.id), true);
      say("success", `Audience “${r.audience.name}” saved. Publish to make the change live.`);
    } catch (err) {
      if (err instanceof WaymarkApiError && err.status === 400 && err.issues.length) {
        setServerIssues(err.issues);
        setFocusToken((n) => n + 1);
      } else say("error", errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await call((c) => c.deleteAudience(record!.id));
      void loadSavedAudiences(true).catch(() => undefined);
      route(href("audiences"));
      say("success", `Audience “${record!.audience.name}” deleted. It leaves the live site at the next publish.`);
    } catch (err) {
      // 409: still used; the API names the journeys and audiences.
      say(
        "error",
        err instanceof WaymarkApiError && err.status === 409
          ? `This audience cannot be deleted while it is used. ${usedByText(record!)}`
          : errorText(err),
      );
    }
  };

  const users = record ? record.usedBy.journeys.length + record.usedBy.audiences.length : 0;
  return (
    <div class="page audience-edit">
      <header class="page-head">
        <h1>{isNew ? "New audience" : `Audience: ${record?.audience.name ?? id}`}</h1>
        <p class="small">
          <a href={href("audiences")}>All audiences</a>
        </p>
      </header>
      <ErrorSummary
        items={issueSummary(placed, order)}
        focusToken={focusToken}
        title="The audience cannot be saved yet"
      />
      <EditorContext.Provider value={ctx}>
        <section class="card">
          <div class="grid">
            {text("name", "Name")}
            {text("id", "Id", { hint: "used in journeys' JSON; letters, digits, - and _" })}
          </div>
          {text("description", "Description (optional)", { multiline: true })}
          <ConditionsEditor path={["conditions"]} label="Visitors in this audience" />
        </section>
      </EditorContext.Provider>
      {record && (
        <section class="card used-by" aria-labelledby="used-by-title">
          <h2 id="used-by-title">Used by</h2>
          {users === 0 ? (
            <p class="muted">No journey or audience uses it.</p>
          ) : (
            <ul>
              {record.usedBy.journeys.map((j) => (
                <li key={j}>
                  Journey <a href={journeyHref(j)}>{j}</a>
                </li>
              ))}
              {record.usedBy.audiences.map((a) => (
                <li key={a}>
                  Audience <a href={audienceHref(a)}>{a}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {can("edit") && (
        <div class="form-actions">
          <button type="button" class="btn primary" disabled={saving} onClick={() => void save()}>
            {saving ? "Saving…" : "Save audience"}
          </button>
          {record && (
            <ConfirmButton
              label="Delete audience"
              title="Delete this audience?"
              message={
                users
                  ? `It is used: ${usedByText(record)} Take it out of them first.`
                  : "It leaves the live site at the next publish."
              }
              confirmLabel="Delete"
              danger
              onConfirm={remove}
            />
          )}
        </div>
      )}
    </div>
  );
}

function usedByText(r: AudienceRecord): string {
  const parts = [
    ...(r.usedBy.journeys.length ? [`journeys ${r.usedBy.journeys.join(", ")}`] : []),
    ...(r.usedBy.audiences.length ? [`audiences ${r.usedBy.audiences.join(", ")}`] : []),
  ];
  return parts.length ? `It is used by ${parts.join(" and ")}.` : "";
}
