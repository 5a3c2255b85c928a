import { useMemo } from "preact/hooks";
import { useLocation } from "preact-iso";
import { StatusMessage } from "../components/status-message.tsx";
import { VisitorLookupForm } from "../components/visitor-lookup-form.tsx";
import { VisitorEvents, VisitorFacts, VisitorJourneys, VisitorPending } from "../components/visitor-overview.tsx";
import { VisitorTrace } from "../components/visitor-trace.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { defaultTraceUrl, splitName } from "../lib/visitor-lookup.ts";
import { href } from "../paths.ts";

/**
 * Visitor lookup (admin, read-only): by visitor id or customer id, what Waymark keeps about them, where they stand
 * in each journey, their latest events, the work still pending, and the decision trace for a URL. The looked-up
 * name is in the address (visitors/<id>), so a colleague can open the same view.
 */
export function VisitorLookupPage({ id }: { id?: string }) {
  const { route } = useLocation();
  const name = id ? decodeURIComponent(id) : undefined;
  const open = (n: string) => route(href(`visitors/${encodeURIComponent(n)}`));
  return (
    <div class="page">
      <header class="page-head">
        <h1>Visitor lookup</h1>
      </header>
      <section class="card" aria-label="Look up">
        <p class="hint">
          Read-only: what Waymark keeps about one visitor, and why a page would or would not change for them. Nothing
          here changes the visitor.
        </p>
        <VisitorLookupForm key={name ?? ""} current={name} onLookup={open} />
      </section>
      {name && <VisitorResult key={name} name={name} onOpen={open} />}
    </div>
  );
}

function VisitorResult({ name, onOpen }: { name: string; onOpen: (name: string) => void }) {
  const view = useResource((c) => c.getVisitorView(name), `visitor:${name}`);
  const list = useResource((c) => c.listJourneys(), "journeys");
  const names = useMemo(
    () => new Map((list.data?.journeys ?? []).map((r) => [r.id, r.journey.name] as const)),
    [list.data],
  );
  const who = splitName(name);
  const notFound = view.error === "visitor not found";
  return (
    <div class="visitor-result" data-visitor={name}>
      {notFound ? (
        <p class="empty card" role="status">
          No {who.kind === "customer" ? "customer" : "visitor"} <span class="mono">{who.id}</span> is stored: never
          seen, erased, or past retention.
        </p>
      ) : (
        <StatusMessage loading={view.loading && !view.data} error={view.error} />
      )}
      {view.data && !notFound && (
        <>
          <section class="card" aria-labelledby="visitor-title">
            <header class="section-head">
              <h2 id="visitor-title">
                {who.kind === "customer" ? "Customer" : "Visitor"} <span class="mono">{who.id}</span>
              </h2>
              <button type="button" class="btn small" onClick={() => void view.reload()}>
                Refresh
              </button>
            </header>
            <VisitorFacts view={view.data} onOpen={onOpen} />
          </section>
          <section class="card" aria-labelledby="visitor-journeys-title">
            <h2 id="visitor-journeys-title">Journeys</h2>
            <VisitorJourneys view={view.data} names={names} />
          </section>
          <section class="card" aria-labelledby="visitor-events-title">
            <h2 id="visitor-events-title">Recent events</h2>
            <VisitorEvents view={view.data} />
          </section>
          <section class="card" aria-labelledby="visitor-pending-title">
            <h2 id="visitor-pending-title">Pending work</h2>
            <VisitorPending view={view.data} />
          </section>
          <section class="card" aria-labelledby="visitor-trace-title">
            <h2 id="visitor-trace-title">Decision trace for a page</h2>
            <p class="hint">What this page would get for this visitor now, journey by journey. Nothing is recorded.</p>
            <VisitorTrace name={name} initialUrl={defaultTraceUrl(location.origin, view.data)} />
          </section>
        </>
      )}
    </div>
  );
}
