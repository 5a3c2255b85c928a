import { createExecutionContext, env, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import type { RulesStore } from "../src/rules/object/rules-store.ts";
import { rulesStore } from "../src/rules/rules-stub.ts";
import { api, makeJourney } from "./support/admin-api.ts";

const ALICE = "alice-token-0123456789abcdef";
const CI = "ci-token-0123456789abcdef0000";

/** The Worker with labelled admin tokens, as ADMIN_TOKEN="alice:...,ci:..." configures it. */
async function labelled(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    request as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ADMIN_TOKEN: `alice:${ALICE},ci:${CI}` },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const findJourney = (ruleset: { journeys: { id: string }[] }, id: string) => ruleset.journeys.find((j) => j.id === id);

describe("publish and versions", () => {
  it("starts with the seeds published as version 1", async () => {
    const r = await api("GET", "/versions");
    expect(r.status).toBe(200);
    expect(r.body.live).toBe(1);
    expect(r.body.versions).toEqual([
      expect.objectContaining({
        version: 1,
        publishedBy: "waymark",
        journeys: ["abandoned-cart", "confusion-help", "welcome-back"],
      }),
    ]);
    const v1 = await api("GET", "/versions/1");
    expect(v1.body).toMatchObject({ version: 1, publishedBy: "waymark" });
    expect(v1.body.journeys).toHaveLength(3);
  });

  it("publishes the drafts as a new immutable version with a note", async () => {
    await api("PUT", "/journeys/pub-one", makeJourney("pub-one"));
    const pub = await api("POST", "/publish", { note: "first own journey" });
    expect(pub.status).toBe(201);
    const version = pub.body.version;
    expect(version).toBe(2);
    const list = await api("GET", "/versions");
    expect(list.body.live).toBe(version);
    expect(list.body.versions[0]).toMatchObject({ version, note: "first own journey", publishedBy: "admin" });
    expect(list.body.versions[0].journeys).toContain("pub-one");
    const rec = await api("GET", "/journeys/pub-one");
    expect(rec.body).toMatchObject({ status: "published", dirty: false, publishedVersion: version });

    // Editing the draft makes it dirty and leaves the published version alone.
    await api("PUT", "/journeys/pub-one", makeJourney("pub-one", { name: "Edited" }));
    expect((await api("GET", "/journeys/pub-one")).body.dirty).toBe(true);
    expect(findJourney((await api("GET", `/versions/${version}`)).body, "pub-one")).toMatchObject({
      name: "Journey pub-one",
    });
  });

  it("publishes without a body", async () => {
    const r = await api("POST", "/publish");
    expect(r.status).toBe(201);
    expect(r.body.version).toBeGreaterThan(1);
  });

  it("answers 400/404 for bad version numbers", async () => {
    expect((await api("GET", "/versions/abc")).status).toBe(400);
    expect((await api("GET", "/versions/0")).status).toBe(400);
    expect((await api("GET", "/versions/9999")).status).toBe(404);
    expect((await api("POST", "/publish", { note: 5 })).status).toBe(400);
  });
});

describe("diff", () => {
  it("diffs the drafts against the live version by default, with JSON pointers", async () => {
    const live = (await api("GET", "/versions")).body.live;
    const cart = (await api("GET", "/journeys/abandoned-cart")).body.journey;
    cart.actions[1].html = '<div class="wm-banner">Changed <a href="/cart">View cart</a></div>';
    cart.holdout = 0.2;
    expect((await api("PUT", "/journeys/abandoned-cart", cart)).status).toBe(200);
    await api("PUT", "/journeys/diff-added", makeJourney("diff-added"));
    await api("DELETE", "/journeys/pub-one");

    const d = await api("GET", "/diff");
    expect(d.status).toBe(200);
    expect(d.body.from).toBe(live);
    expect(d.body.to).toBe("draft");
    const by = (id: string) => d.body.journeys.find((j: { id: string }) => j.id === id);
    expect(by("abandoned-cart")).toMatchObject({ change: "changed", fields: ["/actions/1/html", "/holdout"] });
    expect(by("abandoned-cart").before.holdout).toBe(0.1);
    expect(by("abandoned-cart").after.holdout).toBe(0.2);
    expect(by("diff-added")).toMatchObject({ change: "added" });
    expect(by("pub-one")).toMatchObject({ change: "removed" });
    expect(by("confusion-help")).toMatchObject({ change: "unchanged" });
  });

  it("diffs two versions", async () => {
    const d = await api("GET", "/diff?from=1&to=2");
    expect(d.body).toMatchObject({ from: 1, to: 2 });
    expect(d.body.journeys.find((j: { id: string }) => j.id === "pub-one").change).toBe("added");
    expect((await api("GET", "/diff?from=1&to=9999")).status).toBe(404);
    const bad = await api("GET", "/diff?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toEqual({ path: ["from"], message: 'must be a version number, "live" or "draft"' });
    expect(
      (await api("GET", "/diff?from=live&to=live")).body.journeys.every(
        (j: { change: string }) => j.change === "unchanged",
      ),
    ).toBe(true);
  });
});

describe("rollback", () => {
  it("creates a new version with the old journeys and resets the drafts to match", async () => {
    await api("PUT", "/journeys/never-published", makeJourney("never-published"));
    const before = (await api("GET", "/versions")).body.live;
    const r = await api("POST", "/rollback", { version: 1 });
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(before + 1);
    const list = await api("GET", "/versions");
    expect(list.body.live).toBe(before + 1);
    expect(list.body.versions[0]).toMatchObject({ version: before + 1, rollbackOf: 1 });
    const v1 = (await api("GET", "/versions/1")).body;
    const now = (await api("GET", `/versions/${before + 1}`)).body;
    expect(now.journeys).toEqual(v1.journeys);

    // Drafts match the restored version; work never published stays a draft.
    const d = await api("GET", "/diff");
    const changed = d.body.journeys.filter((j: { change: string }) => j.change !== "unchanged");
    expect(changed.map((j: { id: string; change: string }) => [j.id, j.change])).toEqual([
      ["diff-added", "added"],
      ["never-published", "added"],
    ]);
    expect((await api("GET", "/journeys/abandoned-cart")).body.journey.holdout).toBe(0.1);
    await api("DELETE", "/journeys/never-published");
    await api("DELETE", "/journeys/diff-added");
  });

  it("refuses unknown versions and bad bodies", async () => {
    expect((await api("POST", "/rollback", { version: 9999 })).status).toBe(404);
    const bad = await api("POST", "/rollback", { version: "1" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["version"]);
  });
});

describe("audit", () => {
  it("records who did what with the label of their token", async () => {
    const a = await api("PUT", "/journeys/audited", makeJourney("audited"), { token: ALICE, fetcher: labelled });
    expect(a.status).toBe(201);
    expect(a.body.updatedBy).toBe("alice");
    const p = await api("POST", "/publish", { note: "by ci" }, { token: CI, fetcher: labelled });
    expect(p.status).toBe(201);
    const log = await api("GET", "/audit?limit=5");
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({
      actor: "ci",
      action: "publish",
      target: `v${p.body.version}`,
      detail: "by ci",
    });
    expect(log.body.entries[1]).toMatchObject({ actor: "alice", action: "journey.create", target: "audited" });
    expect(log.body.entries[0].id).toBeGreaterThan(log.body.entries[1].id);
    expect((await api("GET", "/versions")).body.versions[0].publishedBy).toBe("ci");
    expect((await api("GET", "/audit?limit=0")).status).toBe(400);
    expect((await api("GET", "/audit?limit=2")).body.entries).toHaveLength(2);
  });
});

describe("stored rows are re-validated", () => {
  const stub = () => rulesStore(env);

  it("refuses a publish that would be invalid, with paths, and keeps the live version", async () => {
    const live = (await api("GET", "/versions")).body.live;
    await runInDurableObject(stub(), (_instance: RulesStore, state) => {
      const bad = makeJourney("raw-bad");
      (bad.transitions as { after?: string }[])[1].after = "eventually";
      state.storage.sql.exec(
        `INSERT INTO drafts (id, json, status, updated_at, updated_by, published_version) VALUES (?, ?, 'draft', 0, 'x', NULL)`,
        "raw-bad",
        JSON.stringify(bad),
      );
    });
    const list = await api("GET", "/journeys");
    expect(list.body.corrupt).toEqual([{ id: "raw-bad", message: expect.stringContaining("corrupt") }]);
    expect(list.body.journeys.map((j: { id: string }) => j.id)).toContain("abandoned-cart");

    const r = await api("POST", "/publish", {});
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual([
      "journeys",
      "raw-bad",
      "transitions",
      1,
      "after",
    ]);
    expect((await api("GET", "/versions")).body.live).toBe(live);

    expect((await api("DELETE", "/journeys/raw-bad")).status).toBe(200);
    expect((await api("POST", "/publish", {})).status).toBe(201);
  });

  it("refuses a publish over the ruleset limits", async () => {
    const live = (await api("GET", "/versions")).body.live;
    await runInDurableObject(stub(), (_instance: RulesStore, state) => {
      for (let i = 0; i < 101; i++) {
        const j = makeJourney(`bulk-${i}`);
        state.storage.sql.exec(
          `INSERT INTO drafts (id, json, status, updated_at, updated_by, published_version) VALUES (?, ?, 'draft', 0, 'x', NULL)`,
          j.id,
          JSON.stringify(j),
        );
      }
    });
    const put = await api("PUT", "/journeys/one-too-many", makeJourney("one-too-many"));
    expect(put.status).toBe(400);
    const r = await api("POST", "/publish", {});
    expect(r.status).toBe(400);
    expect(r.body.issues).toContainEqual({ path: ["journeys"], message: expect.stringContaining("100") });
    expect((await api("GET", "/versions")).body.live).toBe(live);
    await runInDurableObject(stub(), (_instance: RulesStore, state) => {
      state.storage.sql.exec(`DELETE FROM drafts WHERE id LIKE 'bulk-%'`);
    });
  });

  it("leaves out only the journey of a version that no longer validates; the version's others keep serving", async () => {
    // What an upgrade with a stricter check does to a live version: one of its journeys fails the new schema.
    await api("PUT", "/journeys/keeps-serving", makeJourney("keeps-serving"));
    await api("PUT", "/journeys/now-invalid", makeJourney("now-invalid"));
    const v = (await api("POST", "/publish", { note: "two journeys" })).body.version;
    await runInDurableObject(stub(), (_instance: RulesStore, state) => {
      const row = state.storage.sql.exec<{ json: string }>(`SELECT json FROM versions WHERE version = ?`, v).one();
      const ruleset = JSON.parse(row.json);
      const j = ruleset.journeys.find((x: { id: string }) => x.id === "now-invalid");
      j.priority = 99_999; // out of range today, as a stricter rule would make it
      state.storage.sql.exec(`UPDATE versions SET json = ? WHERE version = ?`, JSON.stringify(ruleset), v);
    });
    const live = await stub().getLive();
    expect(live.version).toBe(v);
    const ids = live.ruleset!.journeys.map((j) => j.id);
    expect(ids).toContain("keeps-serving");
    expect(ids).not.toContain("now-invalid");
    expect(live.corrupt).toEqual([
      { version: v, journey: "now-invalid", message: expect.stringMatching(/^priority: /) },
    ]);
    await api("DELETE", "/journeys/keeps-serving");
    await api("DELETE", "/journeys/now-invalid");
  });

  it("skips a corrupt version row and keeps serving the last good version", async () => {
    const good = (await api("POST", "/publish", { note: "good" })).body.version;
    const broken = (await api("POST", "/publish", { note: "to be corrupted" })).body.version;
    await runInDurableObject(stub(), (_instance: RulesStore, state) => {
      state.storage.sql.exec(`UPDATE versions SET json = '{"version": "oops"' WHERE version = ?`, broken);
    });
    const live = await stub().getLive();
    expect(live.version).toBe(good);
    expect(live.ruleset?.version).toBe(good);
    expect(live.corrupt).toEqual([{ version: broken, message: expect.any(String) }]);
    expect((await api("GET", "/versions")).body.live).toBe(good);
    expect((await api("GET", `/versions/${broken}`)).status).toBe(500);
    // Rolling back to the corrupt version is refused; publishing again repairs the live pointer.
    expect((await api("POST", "/rollback", { version: broken })).status).toBe(400);
    const next = (await api("POST", "/publish", {})).body.version;
    expect(next).toBe(broken + 1);
    expect((await stub().getLive()).version).toBe(next);
  });
});
