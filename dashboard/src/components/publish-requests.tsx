import { useState } from "preact/hooks";
import type { PublishRequestRecord } from "@waymark/shared";
import { can } from "../access.ts";
import { call, errorText } from "../api.ts";
import { useResource } from "../hooks/use-resource.ts";
import { ago, dateTime } from "../lib/format.ts";
import { me, say } from "../state.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { DiffView } from "./diff-view.tsx";
import { StatusMessage } from "./status-message.tsx";
import { TextField } from "./text-field.tsx";

/**
 * Approvals on the publish page: "Request publish" for a token that may not publish directly (an editor, or a
 * publisher while REQUIRE_APPROVAL is on), and the pending requests with their diff, Approve / Reject for another
 * publisher and Withdraw for the requester. `tick` reloads with the page; `onChanged` after anything here.
 */
export function PublishRequests(p: { tick: number; live: number | null; nothing: boolean; onChanged: () => void }) {
  const list = useResource((c) => c.listPublishRequests("pending"), `requests:${p.tick}`);
  const [note, setNote] = useState("");
  const mayRequest = can("requestPublish") && !can("publish");
  const pending = list.data?.requests ?? [];
  if (!mayRequest && !pending.length && !list.error) return null;

  const request = async () => {
    try {
      const r = await call((c) => c.requestPublish(note.trim() || undefined));
      say("success", `Publish request ${r.id} sent: a publisher other than you can approve it.`);
      setNote("");
      p.onChanged();
    } catch (err) {
      say("error", `Request failed: ${errorText(err)}`);
    }
  };

  return (
    <section class="card publish-requests" aria-labelledby="requests-title">
      <h2 id="requests-title">Publish requests</h2>
      {list.data?.approvals && (
        <p class="hint">Approvals are on: changes go live when a publisher other than the requester approves them.</p>
      )}
      {mayRequest && (
        <div class="publish-row">
          <TextField
            id="request-note"
            label="Note for the reviewer (optional)"
            value={note}
            onInput={setNote}
            placeholder="What changed and why"
            class="grow"
          />
          <button type="button" class="btn primary" disabled={p.nothing} onClick={request}>
            Request publish
          </button>
        </div>
      )}
      <StatusMessage loading={list.loading && !list.data} error={list.error} />
      {list.data && !pending.length && <p class="empty">No pending requests.</p>}
      {pending.map((r) => (
        <PendingRequest key={r.id} request={r} live={p.live} onChanged={p.onChanged} />
      ))}
    </section>
  );
}

function PendingRequest({
  request: r,
  live,
  onChanged,
}: {
  request: PublishRequestRecord;
  live: number | null;
  onChanged: () => void;
}) {
  const mine = r.requestedBy === me.value?.label;
  const act = async (what: string, fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      say("success", done);
      onChanged();
    } catch (err) {
      say("error", `${what} failed: ${errorText(err)}`);
    }
  };
  return (
    <article class="publish-request" data-request={r.id} aria-labelledby={`request-${r.id}`}>
      <h3 id={`request-${r.id}`}>
        Request {r.id} by {r.requestedBy}{" "}
        <span class="muted small" title={dateTime(r.requestedAt)}>
          {ago(r.requestedAt, Date.now())}
        </span>
      </h3>
      {r.note && <p class="request-note">“{r.note}”</p>}
      {!r.current && (
        <p class="load-error" role="status">
          The drafts changed since this request ({(r.changedSince ?? []).join(", ")}): it can no longer be approved. Ask
          for a new request.
        </p>
      )}
      <DiffView
        diff={{ from: live ?? 0, to: "draft", journeys: r.diff ?? [] }}
        empty="This request changes nothing on the live site."
      />
      <div class="buttons">
        {can("approve") && !mine && (
          <ConfirmButton
            class="btn primary"
            label="Approve and publish…"
            disabled={!r.current}
            title={`Approve request ${r.id}?`}
            message={<p>Its changes become live for every visitor at once, as a new version.</p>}
            confirmLabel="Approve and publish"
            onConfirm={() =>
              act(
                "Approve",
                () => call((c) => c.approvePublishRequest(r.id)),
                `Request ${r.id} approved and published.`,
              )
            }
          />
        )}
        {can("approve") && mine && <p class="role-note small">Your own request: another publisher approves it.</p>}
        {can("approve") && (
          <button
            type="button"
            class="btn"
            onClick={() => act("Reject", () => call((c) => c.rejectPublishRequest(r.id)), `Request ${r.id} rejected.`)}
          >
            Reject
          </button>
        )}
        {mine && (
          <button
            type="button"
            class="btn ghost"
            onClick={() =>
              act("Withdraw", () => call((c) => c.withdrawPublishRequest(r.id)), `Request ${r.id} withdrawn.`)
            }
          >
            Withdraw
          </button>
        )}
      </div>
    </article>
  );
}
