import { AuthoredJourney, offSiteRedirects, WaymarkApiError, type JourneyRecord } from "@waymark/shared";
import { can } from "../access.ts";
import { RoleNote } from "../components/role-note.tsx";
import { useEffect, useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { call, errorText } from "../api.ts";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { EditorContext, type EditorContextValue } from "../components/editor-context.ts";
import { ErrorSummary } from "../components/error-summary.tsx";
import { JourneyForm } from "../components/journey-form.tsx";
import { JourneyHeader } from "../components/journey-header.tsx";
import { JsonEditor } from "../components/json-editor.tsx";
import { MapEditor } from "../components/map-editor.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useLeaveGuard } from "../hooks/use-leave-guard.ts";
import { editorFieldOrder, formCanShow } from "../lib/editor-fields.ts";
import type { FieldPath } from "../lib/field-key.ts";
import { issueSummary, placeIssues, type Issue } from "../lib/place-issues.ts";
import { newJourneyDraft } from "../lib/journey-template.ts";
import { sampleValues } from "../lib/preview-html.ts";
import { messageSpecAt, plainMessage, type RawIssue } from "../lib/plain-message.ts";
import { renameStage, stageIdIndex } from "../lib/rename-stage.ts";
import { setIn } from "../lib/set-in.ts";
import { slugify } from "../lib/slugify.ts";
import { href, journeyHref } from "../paths.ts";
import { say } from "../state.ts";

type Draft = Record<string, unknown>;

const ids = (list: unknown): string[] =>
  Array.isArray(list)
    ? list.map((x) => (x as { id?: unknown })?.id).filter((x): x is string => typeof x === "string")
    : [];

/**
 * Create or edit a journey: the form or its JSON, validated as you type with the API's own schema. With tab "map"
 * (the Journey map tab), the map editor sits above the form and edits the same draft.
 */
export function JourneyEditPage({ id, tab }: { id?: string; tab?: "map" }) {
  const isNew = id === undefined;
  const { route } = useLocation();
  const [record, setRecord] = useState<JourneyRecord | null>(null);
  const [draft, setDraft] = useState<Draft | null>(isNew ? (newJourneyDraft() as Draft) : null);
  const [saved, setSaved] = useState<string>(isNew ? "" : "");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [view, setView] = useState<"form" | "json">("form");
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [focusToken, setFocusToken] = useState(0);
  const [saving, setSaving] = useState(false);
  const [idFollowsName, setIdFollowsName] = useState(true);
  const sample = useMemo(() => sampleValues(Date.now()), []);
  const [siteHosts, setSiteHosts] = useState<readonly string[] | null | undefined>(undefined);
  useEffect(() => {
    // The site's hosts, to refuse a redirect to another site at the field before the API does.
    call((c) => c.listJourneys())
      .then((l) => setSiteHosts(l.siteHosts ?? null))
      .catch(() => setSiteHosts(null));
  }, []);

  useEffect(() => {
    if (isNew) {
      setRecord(null);
      setIdFollowsName(true);
      setDraft(newJourneyDraft() as Draft);
      setSaved("");
      return;
    }
    let live = true;
    setDraft(null);
    call((c) => c.getJourney(id))
      .then((r) => {
        if (!live) return;
        setRecord(r);
        setDraft(r.journey as Draft);
        setSaved(JSON.stringify(r.journey));
        setLoadError(null);
      })
      .catch((err) => live && setLoadError(errorText(err)));
    return () => {
      live = false;
    };
  }, [id]);

  const dirty = draft !== null && JSON.stringify(draft) !== saved;
  useLeaveGuard(dirty);

  const local = useMemo(() => (draft ? AuthoredJourney.safeParse(draft) : null), [draft]);
  const issues: Issue[] = useMemo(() => {
    const out: Issue[] =
      local && !local.success
        ? local.error.issues.map((i) => ({
            path: i.path as (string | number)[],
            message: plainMessage(i as RawIssue, messageSpecAt(i.path as (string | number)[])),
          }))
        : [];
    // The client saves to the path of the journey's own id: a changed id would save a copy, not this journey.
    if (draft && siteHosts) out.push(...offSiteRedirects(draft, siteHosts));
    if (!isNew && draft && draft.id !== id)
      out.push({ path: ["id"], message: `must be "${id}": a journey's id is fixed once saved` });
    return [...out, ...serverIssues.map((i) => ({ ...i, message: plainMessage(i, messageSpecAt(i.path)) }))];
  }, [local, serverIssues, draft, siteHosts]);
  const placed = useMemo(() => placeIssues(issues, new Set(editorFieldOrder(draft))), [issues, draft]);
  const summary = useMemo(() => issueSummary(placed, editorFieldOrder(draft)), [placed, draft]);

  if (loadError) return <StatusMessage loading={false} error={loadError} />;
  if (!draft) return <StatusMessage loading error={null} />;

  const set = (path: FieldPath, value: unknown) => {
    setServerIssues([]);
    // A stage's new id carries to the start stage, transitions, actions and webhooks that named the old one.
    const stage = stageIdIndex(path);
    // A new journey's id follows its name until the marketer types an id of their own.
    const field = path.length === 1 ? path[0] : null;
    if (field === "id") setIdFollowsName(false);
    const follow = isNew && idFollowsName && field === "name";
    setDraft((d) => {
      if (stage !== null) return renameStage(d ?? {}, stage, String(value ?? ""));
      const next = setIn(d ?? {}, path, value);
      return follow ? setIn(next, ["id"], slugify(String(value ?? ""))) : next;
    });
  };
  const ctx: EditorContextValue = {
    draft,
    set,
    issues: placed,
    stageIds: ids(draft.stages),
    branchIds: ids(draft.branches),
    sample,
    siteHosts,
  };

  const save = async () => {
    if (issues.length) {
      setFocusToken((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      if (isNew) {
        const { journeys } = await call((c) => c.listJourneys());
        if (journeys.some((j) => j.id === draft.id)) {
          setServerIssues([{ path: ["id"], message: `a journey with id "${String(draft.id)}" already exists` }]);
          setFocusToken((n) => n + 1);
          return;
        }
      }
      const r = await call((c) => c.putJourney(draft as never));
      setRecord(r);
      setSaved(JSON.stringify(r.journey));
      setDraft(r.journey as Draft);
      if (isNew) route(journeyHref(r.id), true);
      say("success", `Draft of “${r.journey.name}” saved. Publish to make it live.`);
    } catch (err) {
      if (err instanceof WaymarkApiError && err.status === 400 && err.issues.length) {
        setServerIssues(err.issues);
        setFocusToken((n) => n + 1);
      } else say("error", errorText(err));
    } finally {
      setSaving(false);
    }
  };

  // One journey's unpublished edits thrown away (the API's DELETE /journeys/:id/draft), not a rollback of all.
  const discardDraft = async () => {
    try {
      const r = await call((c) => c.discardDraft(record!.id));
      setRecord(r);
      setSaved(JSON.stringify(r.journey));
      setDraft(r.journey as Draft);
      setServerIssues([]);
      say("success", `Draft of “${r.journey.name}” discarded: it is the live version again.`);
    } catch (err) {
      say("error", errorText(err));
    }
  };

  const actions = (
    <>
      <div class="segmented" role="group" aria-label="Editor view">
        <button type="button" aria-pressed={view === "form"} onClick={() => setView("form")}>
          Form
        </button>
        <button type="button" aria-pressed={view === "json"} onClick={() => setView("json")}>
          JSON
        </button>
      </div>
      {dirty && !isNew && (
        <button type="button" class="btn ghost" onClick={() => setDraft(JSON.parse(saved))}>
          Discard changes
        </button>
      )}
      {!isNew && record?.dirty && record.publishedVersion !== null && can("edit") && (
        <ConfirmButton
          label="Discard draft"
          class="btn ghost"
          title={`Discard the draft of “${String(record.journey.name)}”?`}
          message={<p>Its saved, unpublished edits are thrown away and it goes back to the live version.</p>}
          confirmLabel="Discard draft"
          danger
          onConfirm={discardDraft}
        />
      )}
      <button
        type="button"
        class="btn primary"
        onClick={save}
        disabled={saving || !can("edit")}
        aria-describedby="save-state"
      >
        {saving ? "Saving…" : isNew ? "Create draft" : "Save draft"}
      </button>
      <span id="save-state" class="muted small">
        {issues.length
          ? `${issues.length} problem${issues.length > 1 ? "s" : ""}`
          : dirty || isNew
            ? "unsaved changes"
            : "saved"}
      </span>
    </>
  );

  return (
    <div class="page editor-page">
      {isNew ? (
        <header class="page-head">
          <div>
            <p class="crumbs">
              <a href={href()}>Journeys</a> /
            </p>
            <h1>New journey</h1>
          </div>
          <div class="page-actions">{actions}</div>
        </header>
      ) : (
        <JourneyHeader id={id} record={record} current={tab ?? ""} actions={actions} />
      )}
      <RoleNote capability="edit" />
      <ErrorSummary
        items={summary}
        focusToken={focusToken}
        title={serverIssues.length ? "The API refused this journey" : "Fix these before saving"}
      />
      <EditorContext.Provider value={ctx}>
        {tab === "map" && !isNew && formCanShow(draft) && <MapEditor id={id} />}
        {view === "json" || !formCanShow(draft) ? (
          <section class="card">
            {view === "form" && (
              <p class="hint">This JSON does not have the journey's shape, so the form cannot show it. Fix it here.</p>
            )}
            <JsonEditor
              draft={draft}
              onChange={(v) => {
                setServerIssues([]);
                setDraft(v as Draft);
              }}
            />
          </section>
        ) : (
          <JourneyForm isNew={isNew} />
        )}
      </EditorContext.Provider>
    </div>
  );
}
