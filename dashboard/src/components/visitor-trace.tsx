import type { Decision } from "@waymark/shared";
import { useState } from "preact/hooks";
import { call, errorText } from "../api.ts";
import { TextField } from "./text-field.tsx";
import { TraceView } from "./trace-view.tsx";

/**
 * What a URL would get for this visitor now, journey by journey, check by check (POST /decide: the same visit as a
 * real page on a copy of the state; nothing is written).
 */
export function VisitorTrace({ name, initialUrl }: { name: string; initialUrl: string }) {
  const [url, setUrl] = useState(initialUrl);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trace = async (e: Event) => {
    e.preventDefault();
    let target: string;
    try {
      target = new URL(url.trim(), location.origin).href;
    } catch {
      setError("That is not a URL: type a path of the site (/cart) or a full URL.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setDecision(await call((c) => c.decide({ url: target, visitorId: name })));
    } catch (err) {
      setDecision(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form class="trace-form" onSubmit={trace}>
        <TextField id="trace-url" label="Page URL" value={url} onInput={setUrl} mono class="grow" />
        <button type="submit" class="btn" disabled={busy}>
          {busy ? "Tracing…" : "Trace"}
        </button>
      </form>
      {error && (
        <p class="load-error" role="alert">
          {error}
        </p>
      )}
      {decision && (
        <div class="visitor-trace" aria-live="polite">
          <p class="muted small">
            Ruleset v{decision.version}:{" "}
            {decision.redirect
              ? `redirects to ${decision.redirect.url}`
              : decision.actions.length === 0
                ? "nothing applied"
                : `${decision.actions.length} ${decision.actions.length === 1 ? "action" : "actions"} applied`}
            .
          </p>
          <TraceView trace={decision.trace} />
        </div>
      )}
    </>
  );
}
