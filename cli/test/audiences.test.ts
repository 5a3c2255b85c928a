import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWaymark, TEST_ADMIN_TOKEN, type RunningWaymark } from "../../e2e/support/start-waymark.ts";
import { fixture, runWaymark } from "./support/run-waymark.ts";

// Saved audiences in the CLI (issue 16): validate, simulate offline, push before the journeys using them, pull.
const audience = fixture("audiences/newsletter-readers.audience.json");
const journey = fixture("audiences/newsletter-banner.json");
const timeline = fixture("audiences/newsletter.timeline.json");
const tmp = () => mkdtempSync(join(tmpdir(), "waymark-cli-audiences-"));

describe("waymark validate and simulate with audiences", () => {
  it("validates audience files and refuses a circle, with pointers", async () => {
    const ok = await runWaymark(["validate", audience, journey]);
    expect(ok.stdout).toContain("✔ 1 journey(s) and 1 audience(s) in 2 file(s) valid");
    const dir = tmp();
    const circle = {
      audiences: [
        { id: "a", name: "A", conditions: [{ type: "audience", id: "b" }] },
        { id: "b", name: "B", conditions: [{ type: "audience", id: "a" }] },
      ],
    };
    writeFileSync(join(dir, "circle.json"), JSON.stringify(circle));
    const bad = await runWaymark(["validate", "circle.json"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "circle.json: /audiences/0/conditions/0/id: audiences cannot use each other in a circle (a → b → a)",
    );
  });

  it("simulates the newsletter banner three pages on and in a later session (touch first), via the audience", async () => {
    const r = await runWaymark(["simulate", "--json", timeline, journey, audience]);
    expect(r.stderr).toBe("");
    const { steps } = JSON.parse(r.stdout) as { steps: { kind: string; shows: unknown[] }[] };
    expect(steps.map((s) => `${s.kind} ${s.shows.length}`)).toEqual([
      "page 1",
      "page 1",
      "page 1",
      "page 1",
      "wait 0",
      "page 1",
    ]);
  });
});

describe("waymark push and pull with audiences against a running Worker", () => {
  let waymark: RunningWaymark;
  let env: Record<string, string>;
  beforeAll(async () => {
    waymark = await startWaymark();
    env = { WAYMARK_URL: waymark.url, WAYMARK_TOKEN: TEST_ADMIN_TOKEN };
  });
  afterAll(async () => {
    await waymark?.stop();
  });

  it("pushes the audience before the journey using it, publishes both, pulls them back", async () => {
    const dir = tmp();
    const first = await runWaymark(["push", "--json", "--publish", journey, audience], { cwd: dir, env });
    expect(first.stderr).toBe("");
    const out = JSON.parse(first.stdout);
    expect(out.audiences).toEqual([{ id: "newsletter-readers", file: audience, result: "created" }]);
    expect(out.journeys).toEqual([{ id: "newsletter-banner", file: journey, result: "created" }]);
    expect(out.published).toBeGreaterThan(0);
    const again = JSON.parse(
      (await runWaymark(["push", "--json", "--publish", journey, audience], { cwd: dir, env })).stdout,
    );
    expect(again.audiences[0].result).toBe("unchanged");
    expect(again.published).toBeNull();

    const pulled = await runWaymark(["pull", "--published", "--out", "live"], { cwd: dir, env });
    expect(pulled.code).toBe(0);
    expect(readdirSync(join(dir, "live"))).toContain("newsletter-readers.audience.json");
    expect(JSON.parse(readFileSync(join(dir, "live", "newsletter-readers.audience.json"), "utf8"))).toEqual(
      JSON.parse(readFileSync(audience, "utf8")),
    );
    // What pull wrote validates and pushes back unchanged.
    const files = readdirSync(join(dir, "live")).map((f) => join("live", f));
    expect((await runWaymark(["validate", ...files], { cwd: dir })).code).toBe(0);

    // A journey using an audience the server does not have: refused with a pointer into the file.
    writeFileSync(
      join(dir, "orphan.json"),
      JSON.stringify({
        ...JSON.parse(readFileSync(journey, "utf8")),
        id: "orphan",
        when: [{ type: "audience", id: "nobody" }],
      }),
    );
    const orphan = await runWaymark(["push", "orphan.json"], { cwd: dir, env });
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toContain('orphan.json: /when/0/id: there is no saved audience "nobody"');
  }, 400_000);
});
