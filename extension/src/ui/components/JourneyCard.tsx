import { useSignal } from "@preact/signals";
import { sendMessage } from "../../messaging/send-message.ts";
import type { JourneySummary, TabStatus } from "../../messaging/protocol.ts";

type Version = "draft" | number;

function statusChip(j: JourneySummary) {
  const cls = j.status === "published" ? "ok" : j.status === "paused" ? "warn" : "";
  return <span class={`chip ${cls}`}>{j.status}</span>;
}

/** One journey: pick a version, then force any stage x branch (or a branch alone), or copy its shareable link. */
export function JourneyCard({ journey: j, status }: { journey: JourneySummary; status: TabStatus }) {
  const version = useSignal<Version>("draft");
  const busy = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const link = useSignal<{ what: string; url: string; copied: boolean } | null>(null);
  const preview = status.preview;
  const isActive = (stage: string | undefined, branch: string) =>
    preview?.journey === j.id &&
    preview.stage === stage &&
    preview.branch === branch &&
    preview.version === version.value;

  const force = async (stage: string | undefined, branch: string) => {
    busy.value = `${stage ?? "*"}/${branch}`;
    error.value = null;
    try {
      await sendMessage("preview.start", {
        tabId: status.tab.id,
        journey: j.id,
        stage,
        branch,
        version: version.value,
      });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = null;
    }
  };
  const copy = async (stage: string | undefined, branch: string) => {
    error.value = null;
    try {
      const res = await sendMessage("preview.link", {
        origin: status.site!.origin,
        journey: j.id,
        stage,
        branch,
        version: version.value,
      });
      let copied = false;
      try {
        await navigator.clipboard.writeText(res.link);
        copied = true;
      } catch {
        /* no clipboard access (unfocused panel): the link is shown to copy by hand */
      }
      link.value = { what: [stage, branch].filter(Boolean).join(" / "), url: res.link, copied };
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  };

  return (
    <div class={`card${preview?.journey === j.id ? " selected" : ""}`} data-testid={`journey-${j.id}`}>
      <div class="row">
        <h3>{j.name}</h3>
        <code class="muted">{j.id}</code>
        {statusChip(j)}
        {j.dirty && j.status !== "draft" && <span class="chip warn">unpublished changes</span>}
        <span class="spacer" />
        <select
          aria-label="Version"
          value={String(version.value)}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            version.value = v === "draft" ? "draft" : Number(v);
          }}
        >
          <option value="draft">Draft</option>
          {j.publishedVersion !== null && (
            <option value={String(j.publishedVersion)}>Live v{j.publishedVersion}</option>
          )}
        </select>
      </div>
      <table class="matrix">
        <thead>
          <tr>
            <th>Stage</th>
            {j.branches.map((b) => (
              <th key={b.id}>{b.name ?? b.id}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {j.stages.map((s) => (
            <tr key={s.id}>
              <th>
                {s.name ?? s.id}
                {s.exit && <span class="muted"> (exit)</span>}
              </th>
              {j.branches.map((b) => (
                <td key={b.id} class={isActive(s.id, b.id) ? "active" : ""}>
                  <div class="cellbtns">
                    <button
                      class="small primary"
                      disabled={busy.value !== null}
                      data-testid={`force-${j.id}-${s.id}-${b.id}`}
                      onClick={() => void force(s.id, b.id)}
                    >
                      {busy.value === `${s.id}/${b.id}` ? "…" : "Preview"}
                    </button>
                    <button
                      class="small"
                      title="Copy a shareable preview link"
                      data-testid={`link-${j.id}-${s.id}-${b.id}`}
                      onClick={() => void copy(s.id, b.id)}
                    >
                      Link
                    </button>
                  </div>
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th title="Force the branch only; the stage follows the sandbox visitor's (simulated) events">any stage</th>
            {j.branches.map((b) => (
              <td key={b.id} class={isActive(undefined, b.id) ? "active" : ""}>
                <button
                  class="small"
                  disabled={busy.value !== null}
                  data-testid={`force-${j.id}-any-${b.id}`}
                  onClick={() => void force(undefined, b.id)}
                >
                  Branch only
                </button>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {error.value && <div class="banner error">{error.value}</div>}
      {link.value && (
        <div class="stack">
          <div class="muted">
            Preview link for {link.value.what || j.id}
            {link.value.copied ? " (copied)" : ""}: anyone with it sees this branch until it expires.
          </div>
          <input
            class="linkbox mono"
            readOnly
            value={link.value.url}
            data-testid="preview-link"
            onFocus={(e) => (e.target as HTMLInputElement).select()}
          />
        </div>
      )}
    </div>
  );
}
