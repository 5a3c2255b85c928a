import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runWaymark } from "./support/run-waymark.ts";

describe("waymark validate", () => {
  it("accepts valid JSON and YAML journey files with exit code 0", async () => {
    const r = await runWaymark(["validate", fixture("abandoned-cart.json"), fixture("welcome.yaml")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("2 journey(s) in 2 file(s) valid");
    expect(r.code).toBe(0);
  });

  it("prints each problem as file: /json/pointer: message and exits 1", async () => {
    const file = fixture("bad-journeys.json");
    const r = await runWaymark(["validate", fixture("abandoned-cart.json"), file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toContain(
      `${file}: /journeys/1/transitions/0/after: must be a duration like "30s", "30m", "1h" or "7d"`,
    );
    expect(lines).toContain(`${file}: /journeys/1/actions/0/stage: unknown stage "c"`);
    // The valid journey in the same file and the valid file produce no lines.
    expect(lines.filter((l) => l.includes("/journeys/0/") || l.includes("abandoned-cart"))).toEqual([]);
  });

  it("reports problems with --json for scripts", async () => {
    const r = await runWaymark(["validate", "--json", fixture("bad-journeys.json")]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.journeys).toEqual([{ file: fixture("bad-journeys.json"), pointer: "/journeys/0", id: "welcome" }]);
    expect(out.problems.map((p: { pointer: string }) => p.pointer)).toEqual([
      "/journeys/1/transitions/0/after",
      "/journeys/1/actions/0/stage",
    ]);
  });

  it("locates syntax errors, missing files, YAML problems and duplicate ids", async () => {
    const dir = mkdtempSync(join(tmpdir(), "waymark-cli-"));
    writeFileSync(join(dir, "broken.json"), '{\n  "id": "x",\n  "name": \n}\n');
    writeFileSync(join(dir, "trailing.json"), '{\n  "id": "x",\n}\n');
    writeFileSync(join(dir, "dup.yaml"), "id: abandoned-cart\nname: Again\nstages: [{id: a}]\nstart: a\n");
    writeFileSync(join(dir, "wrong.yml"), "id: Bad Id!\nname: X\nstages: [{id: a}]\nstart: a\nholdout: 2\n");
    const r = await runWaymark(
      [
        "validate",
        "broken.json",
        "trailing.json",
        "missing.json",
        fixture("abandoned-cart.json"),
        "dup.yaml",
        "wrong.yml",
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^broken\.json: \/: invalid JSON: Unexpected token '}'.*$/m);
    expect(r.stderr).toContain(
      "trailing.json: /: invalid JSON: Expected double-quoted property name (line 3, column 1)",
    );
    expect(r.stderr).toContain("missing.json: /: no such file");
    expect(r.stderr).toContain(
      `dup.yaml: /id: duplicate journey id "abandoned-cart" (also in ${fixture("abandoned-cart.json")})`,
    );
    expect(r.stderr).toContain("wrong.yml: /id: must be letters, digits, '-' or '_' (max 64)");
    expect(r.stderr).toMatch(/^wrong\.yml: \/holdout: .+$/m);
  });

  it("is a usage error (exit 2) without files, with --help for every command", async () => {
    const r = await runWaymark(["validate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("give at least one journey file");
    for (const cmd of ["validate", "diff", "push", "pull", "simulate", "preview-link"]) {
      const h = await runWaymark([cmd, "--help"]);
      expect(h.code, cmd).toBe(0);
      expect(h.stdout, cmd).toContain(`Usage: waymark ${cmd}`);
    }
    const unknown = await runWaymark(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
