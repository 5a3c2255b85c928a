import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { WebhookPayload } from "@waymark/shared/schemas/channel.ts";
import { EventsBody } from "@waymark/shared/schemas/event.ts";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { drainQueue, type WaymarkApi } from "../../edge/src/beacon/browser/create-api.ts";
import { repoRoot, runWaymark } from "./support/run-waymark.ts";

// The docs' code samples, run: journeys validate, timelines simulate, events parse, the CI workflow's commands exist
// with the flags it uses, the beacon stub queues what the beacon replays, and cli.md shows the real --help.

const docsDir = join(repoRoot, "docs");
const docs = readdirSync(docsDir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => ({ file: join(docsDir, f), text: readFileSync(join(docsDir, f), "utf8") }));
const withReadme = [
  ...docs,
  { file: join(repoRoot, "README.md"), text: readFileSync(join(repoRoot, "README.md"), "utf8") },
];

function blocks(lang: string, list = docs): { file: string; body: string }[] {
  const re = new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g");
  return list.flatMap(({ file, text }) => [...text.matchAll(re)].map((m) => ({ file, body: m[1] })));
}

const jsonBlocks = blocks("json", withReadme).map((b) => ({
  ...b,
  value: JSON.parse(b.body) as Record<string, unknown>,
}));
const tmp = () => mkdtempSync(join(tmpdir(), "waymark-docs-"));

describe("docs code samples", () => {
  it("every JSON block is valid JSON", () => {
    expect(jsonBlocks.length).toBeGreaterThan(3);
  });

  it("every journey in the docs and the README validates with waymark validate", async () => {
    const journeys = jsonBlocks.filter((b) => "stages" in b.value);
    expect(journeys.length).toBeGreaterThanOrEqual(2);
    // One run per sample: samples may share an id (validate refuses duplicate ids across the files of one run).
    for (const j of journeys) {
      const f = join(tmp(), "journey.json");
      writeFileSync(f, j.body);
      const r = await runWaymark(["validate", f]);
      expect(r.stderr, j.file).toBe("");
      expect(r.code, j.file).toBe(0);
    }
  });

  it("every timeline simulates, and getting-started's shows the abandoned-cart banner after the wait", async () => {
    const timelines = jsonBlocks.filter((b) => "steps" in b.value);
    expect(timelines.length).toBeGreaterThanOrEqual(1);
    for (const t of timelines) {
      const f = join(tmp(), "timeline.json");
      writeFileSync(f, t.body);
      const r = await runWaymark(["simulate", "--json", f]);
      expect(r.code, t.file).toBe(0);
      const steps = JSON.parse(r.stdout).steps as {
        kind: string;
        changes: { to: string }[];
        shows: { journey: string }[];
      }[];
      if (t.file.endsWith("getting-started.md")) {
        expect(steps.find((s) => s.kind === "wait")?.changes).toMatchObject([{ to: "abandoned" }]);
        expect(steps.at(-1)?.shows.map((a) => a.journey)).toContain("abandoned-cart");
      }
    }
  });

  // A webhook body names the visitor it is about; an events body never does (the cookie does).
  const isWebhook = (v: Record<string, unknown>) => "visitorId" in v && "journey" in v;

  it("every event sample is a valid events body", () => {
    const events = jsonBlocks.filter((b) => "type" in b.value && !("stages" in b.value) && !isWebhook(b.value));
    expect(events.length).toBeGreaterThanOrEqual(1);
    for (const e of events) expect(EventsBody.safeParse(e.value).error?.issues, e.file).toBeUndefined();
  });

  it("every webhook sample is a valid webhook body", () => {
    const hooks = jsonBlocks.filter((b) => isWebhook(b.value));
    expect(hooks.length).toBeGreaterThanOrEqual(1);
    for (const h of hooks) expect(WebhookPayload.safeParse(h.value).error?.issues, h.file).toBeUndefined();
  });

  it("the beacon stub in events-and-beacon.md queues calls the beacon replays", () => {
    const html = blocks("html").find((b) => b.body.includes("window.waymark.q.push"));
    expect(html).toBeDefined();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html!.body)![1];
    const window: Record<string, unknown> = {};
    runInNewContext(script, { window });
    const stub = window.waymark as Record<string, (...a: unknown[]) => void> & { q: unknown[] };
    stub.track("add_to_cart", { id: "x" });
    stub.identify("c-42");
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      (...args: unknown[]) =>
        calls.push([name, ...args]);
    const api = {
      track: record("track"),
      identify: record("identify"),
      dismiss: record("dismiss"),
      optOut: record("optOut"),
      optIn: record("optIn"),
      flush: record("flush"),
      lost: 0,
    } as WaymarkApi;
    drainQueue(api, stub.q);
    expect(calls).toEqual([
      ["track", "add_to_cart", { id: "x" }],
      ["identify", "c-42"],
    ]);
  });

  it("the CI workflow parses and runs only waymark commands and flags that exist", async () => {
    const [workflow] = blocks("yaml").filter((b) => b.file.endsWith("ci-example.md"));
    const doc = parseYaml(workflow.body) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(doc.jobs)
      .flatMap((j) => j.steps.map((s) => s.run ?? ""))
      .filter((r) => r.includes("waymark"));
    expect(runs.map((r) => r.split(" ")[2])).toEqual(["validate", "diff", "push"]);
    for (const run of runs) {
      // GitHub expressions become plain words; --help proves the command and every flag are accepted (exit 0).
      const args = run
        .replace(/"\$\{\{[^}]*\}\}[^"]*"/g, "note")
        .split(/\s+/)
        .slice(2);
      const r = await runWaymark([...args, "--help"]);
      expect(r.code, run).toBe(0);
    }
  });

  it("cli.md shows each command's real --help", async () => {
    const cli = readFileSync(join(docsDir, "cli.md"), "utf8");
    for (const cmd of ["validate", "diff", "push", "pull", "simulate", "preview-link"]) {
      const r = await runWaymark([cmd, "--help"]);
      expect(cli, `docs/cli.md is missing the current help of "${cmd}"`).toContain("```text\n" + r.stdout + "```");
    }
  });

  it("relative links between docs point to files that exist", () => {
    for (const { file, text } of docs)
      for (const [, target] of text.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) {
        // docs/benchmarks.md belongs to the benchmark work and is written with it.
        if (target === "benchmarks.md") continue;
        expect(existsSync(resolve(dirname(file), target)), `${file} links to ${target}`).toBe(true);
      }
  });
});
