import { useState } from "preact/hooks";
import { call, errorText } from "../api.ts";
import { can } from "../access.ts";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { DiffView } from "../components/diff-view.tsx";
import { PublishRequests } from "../components/publish-requests.tsx";
import { RoleNote } from "../components/role-note.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { TextField } from "../components/text-field.tsx";
import { VersionHistory } from "../components/version-history.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { audienceChanges } from "../lib/audience-changes.ts";
import { diffModel, diffSummary } from "../lib/diff-model.ts";
import { publishedText } from "../lib/publish-copy.ts";
import { href } from "../paths.ts";
import { say } from "../state.ts";

/** Publish the drafts after reading what changes; the version history with one-click rollback. */
export function PublishPage() {
  const [tick, setTick] = useState(0);
  const pending = useResource((c) => c.diff(), `pending:${tick}`);
  const versions = useResource((c) => c.listVersions(), `versions:${tick}`);
  const [note, setNote] = useState("");
  // Saved audiences are published with the journeys but are not in the journeys' diff.
  const audiences = useResource(async (c) => {
    const [{ audiences: drafts }, { live }] = await Promise.all([c.listAudiences(), c.listVersions()]);
    return audienceChanges(drafts, live ? await c.getVersion(live) : null);
  }, `audiences:${tick}`);
  const audienceList = audiences.data ?? [];
  const journeySummary = pending.data ? diffSummary(diffModel(pending.data)) : "";
  const audienceSummary = audienceList.length
    ? `${audienceList.length} saved audience${audienceList.length === 1 ? "" : "s"}`
    : "";
  const summary =
    journeySummary === "no changes" && audienceSummary
      ? audienceSummary
      : [journeySummary, audienceSummary].filter(Boolean).join(", ");
  const nothing = journeySummary === "no changes" && audienceList.length === 0;

  const publish = async () => {
    try {
      const { version } = await call((c) => c.publish(note.trim() || undefined));
      say("success", publishedText(version));
      setNote("");
      setTick((t) => t + 1);
    } catch (err) {
      say("error", `Publish failed: ${errorText(err)}`);
    }
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>Publish &amp; versions</h1>
        {versions.data && (
          <p class="live-version">
            Live: <strong>{versions.data.live ? `version ${versions.data.live}` : "nothing published"}</strong>
          </p>
        )}
      </header>
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">Drafts compared with the live version</h2>
        <StatusMessage loading={pending.loading && !pending.data} error={pending.error} />
        {pending.data && (
          <DiffView
            diff={pending.data}
            empty={
              audienceList.length ? "No journey changed." : "The drafts match the live version: nothing to publish."
            }
          />
        )}
        {audienceList.length > 0 && (
          <div class="audience-changes">
            <h3>Saved audiences</h3>
            <ul>
              {audienceList.map((a) => (
                <li key={a.id}>
                  <a href={href(`audiences/${encodeURIComponent(a.id)}`)}>{a.name}</a>{" "}
                  <span class="badge">
                    {a.change === "added" ? "new" : a.change === "changed" ? "changed" : "deleted"}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {can("publish") && (
          <div class="publish-row">
            <TextField
              id="publish-note"
              label="Note (optional)"
              value={note}
              onInput={setNote}
              placeholder="What changed and why"
              class="grow"
            />
            <ConfirmButton
              class="btn primary"
              label="Publish…"
              disabled={!pending.data || nothing}
              title="Publish the drafts?"
              message={
                <p>
                  This makes a new version live for every visitor at once: <strong>{summary}</strong>. You can roll back
                  to any version afterwards.
                </p>
              }
              confirmLabel="Publish now"
              onConfirm={publish}
            />
          </div>
        )}
        <RoleNote capability="publish" />
      </section>
      <PublishRequests
        tick={tick}
        live={versions.data?.live ?? null}
        nothing={!pending.data || nothing}
        onChanged={() => setTick((t) => t + 1)}
      />
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Version history</h2>
        <StatusMessage loading={versions.loading && !versions.data} error={versions.error} />
        {versions.data && <VersionHistory list={versions.data} onChanged={() => setTick((t) => t + 1)} />}
      </section>
    </div>
  );
}
