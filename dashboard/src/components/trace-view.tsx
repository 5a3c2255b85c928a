import { pageResultText, type JourneyTrace } from "@waymark/shared";

const STATUS_TEXT: Record<JourneyTrace["status"], string> = {
  applied: "acted",
  no_actions: "nothing to show in this stage/branch",
  holdout: "holdout: would have acted, shows nothing",
  audience: "audience conditions failed",
  paused: "paused",
  exited: "finished, may not re-enter yet",
  dismissed: "dismissed by the visitor",
  capped: "frequency cap reached",
  lost: "every action lost its slot",
  scheduled: "scheduled: not started yet",
  ended: "ended: its schedule is over",
  not_enrolled: "not in this journey (global holdout, group or traffic share)",
};

/** Why each journey and each of its actions did or did not act, check by check. */
export function TraceView({ trace }: { trace: readonly JourneyTrace[] }) {
  if (!trace.length) return <p class="hint">No journeys in this ruleset.</p>;
  return (
    <ul class="trace">
      {trace.map((t) => (
        <li key={t.journey} class={`trace-journey ${t.status}`} data-journey={t.journey} data-status={t.status}>
          <div class="trace-head">
            <strong>{t.journey}</strong>{" "}
            <span class={`badge trace-${t.status === "applied" ? "ok" : "no"}`}>{STATUS_TEXT[t.status]}</span>{" "}
            <span class="muted small">
              stage {t.stage ?? "–"}, branch {t.holdout ? "holdout" : (t.branch ?? "–")}, priority {t.priority}
              {t.forced ? ", forced" : ""}
            </span>
          </div>
          {t.checks.length > 0 && (
            <ul class="checks">
              {t.checks.map((c, i) => (
                <li key={i} class={c.ok ? "ok" : "no"}>
                  <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span>
                  <span class="visually-hidden">{c.ok ? "passed" : "failed"}</span> {c.check}
                  {c.detail && <span class="muted"> – {c.detail}</span>}
                </li>
              ))}
            </ul>
          )}
          {t.actions.length > 0 && (
            <ul class="trace-actions">
              {t.actions.map((a) => (
                <li key={a.id} class={a.status === "applied" ? "ok" : "no"} data-action={a.id} data-status={a.status}>
                  <span class="mono">{a.id}</span> ({a.type}): <strong>{a.status.replace("_", " ")}</strong>
                  {a.page && (
                    <>
                      {" "}
                      <span
                        class={`trace-page ${a.page === "no_match" ? "warn" : "ok"}`}
                        data-page={a.page === "no_match" ? "no_match" : a.page.matched}
                      >
                        {pageResultText(a.page)}
                      </span>
                    </>
                  )}
                  {a.detail && <span class="muted"> – {a.detail}</span>}
                  {a.lostTo && (
                    <span class="muted">
                      {" "}
                      – lost to {a.lostTo.journey}/{a.lostTo.actionId}
                    </span>
                  )}
                  {a.checks && a.checks.length > 0 && (
                    <ul class="checks">
                      {a.checks.map((c, i) => (
                        <li key={i} class={c.ok ? "ok" : "no"}>
                          <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span> {c.check}
                          {c.detail && <span class="muted"> – {c.detail}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
