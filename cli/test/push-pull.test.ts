import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWaymark, TEST_ADMIN_TOKEN, type RunningWaymark } from "../../e2e/support/start-waymark.ts";
import { fixture, runWaymark } from "./support/run-waymark.ts";

let waymark: RunningWaymark;
let env: Record<string, string>;

beforeAll(async () => {
  waymark = await startWaymark();
  env = { WAYMARK_URL: waymark.url, WAYMARK_TOKEN: TEST_ADMIN_TOKEN };
});
afterAll(async () => {
  await waymark?.stop();
});

const tmp = () => mkdtempSync(join(tmpdir(), "waymark-cli-"));
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

async function liveVersion(): Promise<number> {
  const res = await fetch(`${waymark.url}/__waymark/api/versions`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return ((await res.json()) as { live: number }).live;
}

describe("push, diff and pull against a running Worker", () => {
  it("pulls the seeded journeys, one valid <id>.json each", async () => {
    const dir = tmp();
    const r = await runWaymark(["pull", "--out", "seed"], { cwd: dir, env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "seed")).sort()).toEqual([
      "abandoned-cart.json",
      "confusion-help.json",
      "welcome-back.json",
    ]);
    expect(readJson(join(dir, "seed", "abandoned-cart.json")).id).toBe("abandoned-cart");
    const v = await runWaymark(
      ["validate", "seed/abandoned-cart.json", "seed/confusion-help.json", "seed/welcome-back.json"],
      {
        cwd: dir,
      },
    );
    expect(v.code).toBe(0);
  });

  it("pushes new and changed journeys, idempotently, and pull round-trips them", async () => {
    const dir = tmp();
    const files = [fixture("abandoned-cart.json"), fixture("welcome.yaml")];
    const first = await runWaymark(["push", "--json", ...files], { cwd: dir, env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).journeys).toEqual([
      { id: "abandoned-cart", file: files[0], result: "updated" },
      { id: "welcome-yaml", file: files[1], result: "created" },
    ]);

    const again = await runWaymark(["push", ...files], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("= abandoned-cart: unchanged");
    expect(again.stdout).toContain("= welcome-yaml: unchanged");

    const diff = await runWaymark(["diff", "--exit-code", ...files], { cwd: dir, env });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("0 new, 0 changed, 2 unchanged");
    expect(diff.stdout).toContain("confusion-help: only on");

    const pulled = await runWaymark(["pull", "--out", "back"], { cwd: dir, env });
    expect(pulled.code).toBe(0);
    expect(readdirSync(join(dir, "back"))).toContain("welcome-yaml.json");
    const local = Journey.parse(readJson(files[0]));
    expect(Journey.parse(readJson(join(dir, "back", "abandoned-cart.json")))).toEqual(local);
    // What was pulled is what the server holds: pushing it back changes nothing.
    const back = readdirSync(join(dir, "back")).map((f) => join("back", f));
    const diffBack = await runWaymark(["diff", "--json", ...back], { cwd: dir, env });
    expect(JSON.parse(diffBack.stdout).journeys.map((j: { change: string }) => j.change)).toEqual(
      back.map(() => "unchanged"),
    );
    const pullAgain = await runWaymark(["pull", "--out", "back"], { cwd: dir, env });
    expect(pullAgain.stdout).toContain("welcome-yaml -> back/welcome-yaml.json (unchanged)");
  });

  it("shows a readable field diff, with --exit-code 1 when something differs", async () => {
    const dir = tmp();
    const changed = readJson(fixture("abandoned-cart.json"));
    changed.actions[0].html = "<div>Changed</div>";
    changed.holdout = 0.2;
    writeFileSync(join(dir, "abandoned-cart.json"), JSON.stringify(changed));
    const r = await runWaymark(["diff", "--exit-code", "abandoned-cart.json"], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("~ abandoned-cart (abandoned-cart.json) changed");
    expect(r.stdout).toContain("    /holdout: 0.1 -> 0.2");
    // Long values are shortened to one line.
    expect(r.stdout).toMatch(
      /^ {4}\/actions\/0\/html: "<div class=\\"wm-banner\\">You left .{20,}… -> "<div>Changed<\/div>"$/m,
    );
  });

  it("publishes only when the drafts differ from the live version", async () => {
    const dir = tmp();
    const file = join(dir, "promo.json");
    writeFileSync(
      file,
      JSON.stringify({ id: "promo", name: "Promo", stages: [{ id: "seen" }], start: "seen", actions: [] }),
    );
    const before = await liveVersion();
    const first = await runWaymark(["push", "--publish", "--json", "--note", "from the CLI test", file], {
      cwd: dir,
      env,
    });
    expect(first.code).toBe(0);
    const published = JSON.parse(first.stdout).published;
    expect(published).toBeGreaterThan(before);
    expect(await liveVersion()).toBe(published);

    const second = await runWaymark(["push", "--publish", file], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("nothing to publish");
    expect(await liveVersion()).toBe(published);
  });

  it("sends nothing when a file is invalid, and explains auth and connection failures", async () => {
    const dir = tmp();
    const bad = await runWaymark(["push", "--publish", fixture("bad-journeys.json")], { cwd: dir, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("/journeys/1/actions/0/stage: unknown stage");
    const list = await fetch(`${waymark.url}/__waymark/api/journeys`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const ids = ((await list.json()) as { journeys: { id: string }[] }).journeys.map((j) => j.id);
    expect(ids).not.toContain("welcome");

    const wrong = await runWaymark(["pull"], { cwd: dir, env: { ...env, WAYMARK_TOKEN: "not-the-token-0123456789" } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("the API answered 401");
    expect(wrong.stderr).toContain("WAYMARK_TOKEN");

    const none = await runWaymark(["pull"], { cwd: dir, env: { ...env, WAYMARK_TOKEN: undefined } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("WAYMARK_TOKEN is not set");

    const down = await runWaymark(["pull", "--json", "--url", "http://127.0.0.1:9"], { cwd: dir, env });
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout)).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot reach http://127.0.0.1:9"),
    });
  });

  it("prints a preview link that starts a preview", async () => {
    const r = await runWaymark(
      ["preview-link", "--journey", "abandoned-cart", "--branch", "discount", "--ttl", "30m"],
      {
        env,
      },
    );
    expect(r.code).toBe(0);
    const link = r.stdout.trim();
    expect(link).toMatch(new RegExp(`^${waymark.url}/__waymark/preview\\?token=`));
    const res = await fetch(link, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^wm_preview=/);

    const unknown = await runWaymark(["preview-link", "--journey", "abandoned-cart", "--branch", "nope"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('branch: journey "abandoned-cart" has no branch "nope"');
  });
});
