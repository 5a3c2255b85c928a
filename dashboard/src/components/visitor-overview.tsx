import type { AdminVisitorView } from "@waymark/shared";
import { ago, dateTime } from "../lib/format.ts";
import { journeyHref } from "../paths.ts";
import { journeyRows, pendingRows, recentEvents } from "../lib/visitor-lookup.ts";

const when = (ms: number, now: number) => (
  <>
    {dateTime(ms)} <span class="muted small">({ago(ms, now)})</span>
  </>
);

/** Who the visitor is: ids, link to a customer, counters, cart, traits. */
export function VisitorFacts({ view, onOpen }: { view: AdminVisitorView; onOpen: (name: string) => void }) {
  const now = Date.now();
  const traits = Object.entries(view.traits ?? {});
  return (
    <dl class="facts">
      <dt>Visitor</dt>
      <dd class="mono">{view.visitorId}</dd>
      {view.customerId && (
        <>
          <dt>Customer id</dt>
          <dd class="mono">{view.customerId}</dd>
        </>
      )}
      {view.link && (
        <>
          <dt>Linked to customer</dt>
          <dd>
            <button
              type="button"
              class="btn small ghost mono"
              onClick={() => onOpen(`customer:${view.link!.customerId}`)}
            >
              {view.link.customerId}
            </button>{" "}
            <span class="muted small">
              {view.link.active ? "active" : "expired"}, via {view.link.via === "token" ? "a signed token" : "the API"}
              {view.link.expiresAt !== null && `, until ${dateTime(view.link.expiresAt)}`}
            </span>
          </dd>
        </>
      )}
      {view.createdAt !== undefined && (
        <>
          <dt>First seen</dt>
          <dd>{when(view.createdAt, now)}</dd>
        </>
      )}
      {view.lastSeenAt !== undefined && (
        <>
          <dt>Last seen</dt>
          <dd>{when(view.lastSeenAt, now)}</dd>
        </>
      )}
      <dt>Activity</dt>
      <dd>
        {view.visits ?? 0} {view.visits === 1 ? "visit" : "visits"}, {view.pageViews ?? 0} page views, {view.eventCount}{" "}
        events
      </dd>
      {view.cart && (
        <>
          <dt>Cart</dt>
          <dd>
            {view.cart.count === 0
              ? "empty"
              : `${view.cart.count} ${view.cart.count === 1 ? "item" : "items"}, ${view.cart.value.toFixed(2)} (${view.cart.items.map((i) => i.name).join(", ")})`}
          </dd>
        </>
      )}
      {traits.length > 0 && (
        <>
          <dt>Traits</dt>
          <dd class="small">{traits.map(([k, v]) => `${k}: ${String(v)}`).join(", ")}</dd>
        </>
      )}
      {(view.recentPaths?.length ?? 0) > 0 && (
        <>
          <dt>Recent pages</dt>
          <dd class="mono small">{view.recentPaths!.slice(-8).join("  →  ")}</dd>
        </>
      )}
      <dt>Ruleset version</dt>
      <dd>
        {view.rulesetVersion === null ? "none yet" : view.rulesetVersion === 0 ? "drafts" : `v${view.rulesetVersion}`}
      </dd>
    </dl>
  );
}

/** Where the visitor stands in each journey: stage, branch, since when. */
export function VisitorJourneys({ view, names }: { view: AdminVisitorView; names: ReadonlyMap<string, string> }) {
  const rows = journeyRows(view, names);
  const now = Date.now();
  if (!rows.length) return <p class="empty">In no journey yet.</p>;
  return (
    <div class="table-wrap">
      <table class="visitor-journeys">
        <thead>
          <tr>
            <th scope="col">Journey</th>
            <th scope="col">Stage</th>
            <th scope="col">Branch</th>
            <th scope="col">In this stage since</th>
            <th scope="col">Entered</th>
            <th scope="col">Shown</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-journey={r.id} data-status={r.status}>
              <th scope="row">
                <a href={journeyHref(r.id)}>{r.name}</a>
                {r.status !== "active" && <span class="badge"> {r.status}</span>}
              </th>
              <td class="mono">{r.stage}</td>
              <td>{r.branch}</td>
              <td class="nowrap">{when(r.since, now)}</td>
              <td class="nowrap">{dateTime(r.enteredAt)}</td>
              <td>{r.exposures}×</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The latest events, newest first. */
export function VisitorEvents({ view }: { view: AdminVisitorView }) {
  const rows = recentEvents(view);
  if (!rows.length) return <p class="empty">No events recorded.</p>;
  return (
    <div class="table-wrap">
      <table class="visitor-events compact">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            <tr key={`${e.key}-${i}`} data-type={e.type}>
              <td class="nowrap">{dateTime(e.at)}</td>
              <td class="mono">{e.type}</td>
              <td class="small">{e.data}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.events.length > rows.length && (
        <p class="muted small">
          The {rows.length} latest of {view.events.length} logged events.
        </p>
      )}
    </div>
  );
}

/** Alarm and outbox work not done yet, then the webhooks sent for this visitor. */
export function VisitorPending({ view }: { view: AdminVisitorView }) {
  const rows = pendingRows(view);
  const now = Date.now();
  return (
    <>
      {rows.length === 0 ? (
        <p class="empty">Nothing pending.</p>
      ) : (
        <ul class="pending-work">
          {rows.map((r, i) => (
            <li key={i}>
              <strong>{r.what}</strong>: {r.due <= now ? "due now" : `at ${dateTime(r.due)}`}
              {r.attempts > 0 && `, ${r.attempts} ${r.attempts === 1 ? "attempt" : "attempts"} so far`}
              {r.lastError && <span class="muted"> (last error: {r.lastError})</span>}
            </li>
          ))}
        </ul>
      )}
      {view.deliveries.length > 0 && (
        <div class="table-wrap">
          <table class="compact">
            <caption>Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Journey / stage</th>
                <th scope="col">URL</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {view.deliveries.map((d) => (
                <tr key={d.id}>
                  <td class="nowrap">{dateTime(d.at)}</td>
                  <td>
                    {d.journey} / {d.stage}
                  </td>
                  <td class="mono small">{d.url}</td>
                  <td>
                    {d.status}
                    {d.attempts > 1 && ` after ${d.attempts} attempts`}
                    {d.detail && <span class="muted small"> – {d.detail}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
