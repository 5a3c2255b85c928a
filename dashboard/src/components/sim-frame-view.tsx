import { useSignal } from "@preact/signals";
import { withPageMatches, type PageMatches } from "@waymark/shared";
import { call, errorText } from "../api.ts";
import { span } from "../lib/format.ts";
import { measurePageMatches } from "../lib/measure-page-matches.ts";
import type { SimFrame } from "../lib/simulate.ts";
import { AppliedActions } from "./applied-actions.tsx";
import { TraceView } from "./trace-view.tsx";

const SEEN = {
  page: "The page gets",
  event: "Shown at once (nudges)",
  "if-loaded": "If they loaded the page now",
} as const;

/** One moment of the simulation: where the visitor is in each journey, what moved, what they see, and why. */
export function SimFrameView({ frame, start, title }: { frame: SimFrame; start: number; title: string }) {
  const matches = useSignal<PageMatches | null>(null);
  const measuring = useSignal<string | null>(null);
  const measure = async () => {
    if (!frame.decision) return;
    measuring.value = "Measuring…";
    try {
      matches.value = await measurePageMatches(frame.decision.actions, frame.ctx.path, (req) =>
        call((c) => c.testSelector(req)),
      );
      measuring.value = null;
    } catch (err) {
      measuring.value = errorText(err);
    }
  };
  const trace = frame.decision
    ? matches.value
      ? withPageMatches(frame.decision.trace, matches.value)
      : frame.decision.trace
    : [];
  return (
    <article class="sim-frame card" data-frame={title}>
      <header class="section-head">
        <h3>
          {title} <span class="muted small">at +{span(frame.at - start) || "0s"}</span>
        </h3>
        <span class="muted small">
          {frame.ctx.path} · {frame.ctx.device}
          {frame.ctx.country ? ` · ${frame.ctx.country}` : ""} · cart {frame.cart.count} ({frame.cart.value})
        </span>
      </header>
      {frame.error && (
        <p class="load-error" role="alert">
          {frame.error}
        </p>
      )}
      {frame.changes.length > 0 && (
        <ul class="stage-changes">
          {frame.changes.map((c, i) => (
            <li key={i} data-journey={c.journey} data-to={c.to}>
              <strong>{c.journey}</strong>: {c.from ?? "(entered)"} → <strong>{c.to}</strong>{" "}
              <span class="muted small">
                {c.reason}
                {c.goal ? ", goal" : ""}
                {c.exit ? ", exit" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div class="sim-stages">
        {frame.journeys.map((j) => (
          <span
            key={j.journey}
            class={`stage-pill ${j.done ? "done" : ""}`}
            data-journey={j.journey}
            data-stage={j.stage}
          >
            {j.journey}: <strong>{j.stage}</strong>{" "}
            <span class="muted">({j.holdout ? "holdout" : (j.branch ?? "–")})</span>
          </span>
        ))}
        {frame.journeys.length === 0 && <span class="muted small">in no journey yet</span>}
      </div>
      {frame.decision && (
        <>
          <h4>{SEEN[frame.seen]}</h4>
          <AppliedActions actions={frame.decision.actions} redirect={frame.decision.redirect} />
          <details>
            <summary>Decision trace</summary>
            {frame.decision.actions.some((a) => "selector" in a.action) && (
              <p class="small">
                <button type="button" class="btn small" onClick={() => void measure()}>
                  Check on the site's page
                </button>{" "}
                <span class="muted" role="status">
                  {measuring.value ??
                    (matches.value
                      ? `what each selector matches on ${frame.ctx.path} as the origin serves it`
                      : "decided here; the edge says what each selector matches on the real page")}
                </span>
              </p>
            )}
            <TraceView trace={trace} />
          </details>
        </>
      )}
    </article>
  );
}
