import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { ActionTrace, JourneyTrace, TraceCheck } from "@waymark/shared/schemas/decision.ts";
import { pageResultText } from "@waymark/shared/selectors/with-page-matches.ts";
import { sendMessage } from "../../messaging/send-message.ts";
import type { TraceResult } from "../../messaging/protocol.ts";

const STATUS_TEXT: Record<JourneyTrace["status"], string> = {
  applied: "applied",
  no_actions: "nothing to show in this stage/branch",
  holdout: "holdout (control): shows nothing",
  audience: "audience conditions not met",
  paused: "paused",
  exited: "exited",
  dismissed: "dismissed, cooldown in force",
  capped: "frequency cap in force",
  lost: "lost arbitration",
  scheduled: "scheduled, not started yet",
  ended: "ended (schedule over)",
  not_enrolled: "not enrolled (global holdout, group or traffic share)",
};

function chipClass(status: string): string {
  if (status === "applied") return "ok";
  if (status === "capped" || status === "lost" || status === "dismissed" || status === "holdout") return "warn";
  if (status === "audience" || status === "conditions") return "bad";
  return "";
}

function Checks({ checks }: { checks: TraceCheck[] }) {
  if (!checks.length) return null;
  return (
    <ul class="checks">
      {checks.map((c, i) => (
        <li key={i} data-ok={String(c.ok)}>
          <span class={`mark ${c.ok ? "ok" : "bad"}`}>{c.ok ? "✓" : "✗"}</span>
          <span>
            <code>{c.check}</code>
            {c.detail && <span class="muted"> {c.detail}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ActionRow({ a }: { a: ActionTrace }) {
  return (
    <tr data-testid={`action-${a.id}`}>
      <td>
        <code>{a.id}</code>
        <div class="muted">{a.type}</div>
      </td>
      <td>
        <span class={`chip ${chipClass(a.status)}`}>{a.status.replace("_", " ")}</span>
        {a.page && (
          <span
            class={`chip ${a.page === "no_match" ? "bad" : "ok"}`}
            data-testid={`page-${a.id}`}
            title="What the edge found on this page while it streamed it"
          >
            {pageResultText(a.page)}
          </span>
        )}
        {a.lostTo && (
          <div class="muted">
            lost to {a.lostTo.journey} / {a.lostTo.actionId}
          </div>
        )}
        {a.detail && <div class="muted">{a.detail}</div>}
        {a.checks && <Checks checks={a.checks} />}
      </td>
    </tr>
  );
}

function JourneyTraceCard({ t }: { t: JourneyTrace }) {
  return (
    <div class="card" data-testid={`trace-${t.journey}`} data-status={t.status}>
      <div class="row">
        <h3>{t.journey}</h3>
        <span class={`chip ${chipClass(t.status)}`}>{STATUS_TEXT[t.status]}</span>
        {t.forced && <span class="chip accent">forced</span>}
        <span class="spacer" />
        <span class="muted">priority {t.priority}</span>
      </div>
      <div class="muted">
        stage <b>{t.stage ?? "—"}</b> · branch <b>{t.holdout ? "holdout" : (t.branch ?? "—")}</b>
      </div>
      <Checks checks={t.checks} />
      {t.actions.length > 0 && (
        <table class="actions-table">
          <tbody>
            {t.actions.map((a) => (
              <ActionRow key={a.id} a={a} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Why this page looks the way it does: every journey, matched or not, condition by condition. */
export function TracePanel({ tabId, reloads }: { tabId: number; reloads: number }) {
  const result = useSignal<TraceResult | null>(null);
  const error = useSignal<string | null>(null);
  const loading = useSignal(false);
  const load = async () => {
    loading.value = true;
    try {
      result.value = await sendMessage("trace.get", { tabId });
      error.value = null;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  };
  useEffect(() => void load(), [tabId, reloads]);
  const r = result.value;
  const applied = r?.trace.filter((t) => t.status === "applied").length ?? 0;
  return (
    <div class="stack" data-testid="trace">
      <div class="row">
        <h2>Why</h2>
        <span class="spacer" />
        <button class="small" onClick={() => void load()} disabled={loading.value}>
          Refresh
        </button>
      </div>
      {error.value && <div class="banner error">{error.value}</div>}
      {r && (
        <>
          <div class="muted" data-testid="trace-source">
            {r.source === "header"
              ? "Trace sent with the page (X-Waymark-Trace)"
              : "Decided by the admin API for this URL"}
            {r.visitorId ? ` · visitor ${r.visitorId}` : " · as a new visitor"}
            {r.outcome ? ` · served: ${r.outcome}` : ""}
          </div>
          <div>
            {applied} of {r.trace.length} journeys act on this page.
          </div>
          {r.trace.map((t) => (
            <JourneyTraceCard key={t.journey} t={t} />
          ))}
        </>
      )}
    </div>
  );
}
