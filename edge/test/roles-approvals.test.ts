// Approvals (issue 16): with REQUIRE_APPROVAL on, an editor's publish request snapshots the drafts and waits for a
// publisher other than the requester; approving publishes exactly the snapshot, a draft changed since makes it a
// 409 naming what changed; only an admin may still publish directly (audited as such); every step is in the audit
// log with the token's label.
import { beforeEach, describe, expect, it } from "vitest";
import { api, makeJourney } from "./support/admin-api.ts";
import { viaWorker } from "./support/edge.ts";

const TOKENS = {
  editor: "appr-editor-token-0123456789",
  editor2: "appr-editor2-token-0123456789",
  publisher: "appr-publisher-token-0123456789",
  publisher2: "appr-publisher2-token-0123456789",
  ops: "appr-admin-token-0123456789",
  viewer: "appr-viewer-token-0123456789",
} as const;
type Who = keyof typeof TOKENS;
const ROLE: Record<Who, string> = {
  editor: "editor",
  editor2: "editor",
  publisher: "publisher",
  publisher2: "publisher",
  ops: "admin",
  viewer: "viewer",
};
const ACCESS_TOKENS = Object.entries(TOKENS)
  .map(([who, token]) => `${who}:${ROLE[who as Who]}:${token}`)
  .join(",");
const ON = { ACCESS_TOKENS, REQUIRE_APPROVAL: "true" } as Partial<Env>;

const as = (who: Who, method: string, path: string, body?: unknown, env: Partial<Env> = ON) =>
  api(method, path, body, { token: TOKENS[who], fetcher: (r) => viaWorker(r, env) });

let n = 0;
let id = "";
beforeEach(async () => {
  id = `appr-${++n}`;
  expect((await as("editor", "PUT", `/journeys/${id}`, makeJourney(id))).status).toBe(201);
});

const liveJourneys = async () => {
  const v = await as("viewer", "GET", "/versions/live");
  return v.status === 200 ? (v.body.journeys as { id: string; name: string }[]) : [];
};

describe("with approvals on", () => {
  it("refuses a direct publish to editors and publishers, naming the way through a request", async () => {
    for (const who of ["editor", "publisher"] as const) {
      const r = await as(who, "POST", "/publish", {});
      expect(r.status).toBe(403);
      expect(r.body.error).toMatch(
        new RegExp(
          `^with approvals on \\(REQUIRE_APPROVAL\\), publishing directly needs the admin role; this token is ${ROLE[who]}: request a publish`,
        ),
      );
    }
  });

  it("publishes an editor's request when another publisher approves it: exactly the snapshot, all audited", async () => {
    const req = await as("editor", "POST", "/publish-requests", { note: "new banner" });
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ status: "pending", requestedBy: "editor", note: "new banner", current: true });
    expect(req.body.journeys).toContain(id);
    expect(req.body.diff.find((d: { id: string }) => d.id === id)).toMatchObject({ change: "added" });

    const listed = await as("viewer", "GET", "/publish-requests?status=pending");
    expect(listed.body.approvals).toBe(true);
    expect(listed.body.requests.map((r: { id: number }) => r.id)).toContain(req.body.id);

    // The same label cannot approve its own request, whatever its role.
    const own = await as("editor", "POST", `/publish-requests/${req.body.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error).toBe("approving a publish request needs the publisher role; this token is editor");

    const ok = await as("publisher", "POST", `/publish-requests/${req.body.id}/approve`, { note: "looks right" });
    expect(ok.status).toBe(201);
    expect(ok.body.request).toMatchObject({
      status: "approved",
      decidedBy: "publisher",
      publishedVersion: ok.body.version,
    });
    // Exactly the snapshot: the live version holds the request's journeys, no more, no fewer.
    expect((await liveJourneys()).map((j) => j.id).sort()).toEqual([...req.body.journeys].sort());
    expect((await liveJourneys()).map((j) => j.id)).toContain(id);
    const version = await as("viewer", "GET", `/versions`);
    expect(version.body.versions[0]).toMatchObject({
      version: ok.body.version,
      publishedBy: "publisher",
      note: `new banner (request ${req.body.id} by editor)`,
    });

    const audit = (await as("viewer", "GET", "/audit?limit=3")).body.entries.reverse();
    expect(audit).toEqual([
      expect.objectContaining({ actor: "editor", action: "publish.request", target: `request ${req.body.id}` }),
      expect.objectContaining({
        actor: "publisher",
        action: "publish.approve",
        target: `request ${req.body.id}`,
        detail: `published as v${ok.body.version}: looks right`,
      }),
      expect.objectContaining({ actor: "publisher", action: "publish", target: `v${ok.body.version}` }),
    ]);

    // Decided once.
    const again = await as("publisher2", "POST", `/publish-requests/${req.body.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(`publish request ${req.body.id} is already approved`);
  });

  it("refuses a publisher approving the request it made itself", async () => {
    const req = await as("publisher", "POST", "/publish-requests", {});
    const own = await as("publisher", "POST", `/publish-requests/${req.body.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error).toBe(
      `a publish request needs another publisher's approval: "publisher" made request ${req.body.id} and cannot approve it`,
    );
    expect((await liveJourneys()).map((j) => j.id)).not.toContain(id);
    expect((await as("publisher2", "POST", `/publish-requests/${req.body.id}/approve`, {})).status).toBe(201);
  });

  it("answers 409 with what changed when a draft moved on after the request, and publishes nothing", async () => {
    const req = await as("editor", "POST", "/publish-requests", {});
    const before = await as("viewer", "GET", "/versions");
    await as("editor2", "PUT", `/journeys/${id}`, makeJourney(id, { name: "Renamed after the request" }));
    const extra = `${id}-extra`;
    await as("editor2", "PUT", `/journeys/${extra}`, makeJourney(extra));

    const listed = await as("viewer", "GET", "/publish-requests?status=pending");
    const mine = listed.body.requests.find((r: { id: number }) => r.id === req.body.id);
    expect(mine).toMatchObject({ current: false, changedSince: [`${id} (changed)`, `${extra} (added)`] });

    const r = await as("publisher", "POST", `/publish-requests/${req.body.id}/approve`, {});
    expect(r.status).toBe(409);
    expect(r.body.error).toBe(
      `the drafts changed since request ${req.body.id} was made (${id} (changed), ${extra} (added)); nothing was published: ask for a new request`,
    );
    expect(r.body.issues).toEqual([
      { path: ["journeys", id], message: `changed since the request: ${id} (changed)` },
      { path: ["journeys", extra], message: `changed since the request: ${extra} (added)` },
    ]);
    expect((await as("viewer", "GET", "/versions")).body.live).toBe(before.body.live);
    expect(mine.status).toBe("pending");
  });

  it("rejects and withdraws: publishers reject, the requester (or a publisher) withdraws, nobody else", async () => {
    const a = await as("editor", "POST", "/publish-requests", { note: "first try" });
    const rej = await as("publisher", "POST", `/publish-requests/${a.body.id}/reject`, { note: "not yet" });
    expect(rej.body).toMatchObject({ status: "rejected", decidedBy: "publisher", decisionNote: "not yet" });
    expect((await as("editor", "POST", `/publish-requests/${a.body.id}/reject`, {})).status).toBe(403);

    const b = await as("editor", "POST", "/publish-requests", {});
    const other = await as("editor2", "POST", `/publish-requests/${b.body.id}/withdraw`, {});
    expect(other.status).toBe(403);
    expect(other.body.error).toBe(`only "editor", who made request ${b.body.id}, or a publisher may withdraw it`);
    const wd = await as("editor", "POST", `/publish-requests/${b.body.id}/withdraw`, {});
    expect(wd.body).toMatchObject({ status: "withdrawn", decidedBy: "editor" });
    expect((await as("publisher", "POST", `/publish-requests/${b.body.id}/approve`, {})).status).toBe(409);

    const audit = (await as("viewer", "GET", "/audit?limit=4")).body.entries.map(
      (e: { actor: string; action: string }) => `${e.actor} ${e.action}`,
    );
    expect(audit).toEqual([
      "editor publish.withdraw",
      "editor publish.request",
      "publisher publish.reject",
      "editor publish.request",
    ]);
  });

  it("refuses a request with nothing to publish (409)", async () => {
    const first = await as("editor", "POST", "/publish-requests", {});
    await as("publisher", "POST", `/publish-requests/${first.body.id}/approve`, {});
    const none = await as("editor", "POST", "/publish-requests", {});
    expect(none.status).toBe(409);
    expect(none.body.error).toBe("the drafts match the live version: nothing to publish");
  });

  it("lets an admin publish directly, audited as unapproved", async () => {
    const r = await as("ops", "POST", "/publish", { note: "hotfix" });
    expect(r.status).toBe(201);
    const audit = (await as("viewer", "GET", "/audit?limit=2")).body.entries;
    expect(audit).toEqual([
      expect.objectContaining({ actor: "ops", action: "publish.unapproved", target: `v${r.body.version}` }),
      expect.objectContaining({ actor: "ops", action: "publish", target: `v${r.body.version}`, detail: "hotfix" }),
    ]);
  });

  it("leaves pause and rollback to publishers (a kill switch does not wait for a review)", async () => {
    const req = await as("editor", "POST", "/publish-requests", {});
    await as("publisher2", "POST", `/publish-requests/${req.body.id}/approve`, {});
    expect((await as("publisher", "POST", `/journeys/${id}/pause`, {})).status).toBe(200);
    expect((await as("editor", "POST", `/journeys/${id}/resume`, {})).status).toBe(403);
  });
});

describe("with approvals off", () => {
  const OFF = { ACCESS_TOKENS } as Partial<Env>;
  it("publishers publish directly, and requests still work for editors", async () => {
    const req = await as("editor", "POST", "/publish-requests", {}, OFF);
    expect(req.status).toBe(201);
    expect((await as("viewer", "GET", "/publish-requests", undefined, OFF)).body.approvals).toBe(false);
    const r = await as("publisher", "POST", "/publish", {}, OFF);
    expect(r.status).toBe(201);
    // The request's snapshot is live now: approving it would publish nothing.
    const late = await as("publisher2", "POST", `/publish-requests/${req.body.id}/approve`, {}, OFF);
    expect(late.status).toBe(409);
    expect(late.body.error).toBe(`the live version already matches request ${req.body.id}: nothing to publish`);
  });
});
