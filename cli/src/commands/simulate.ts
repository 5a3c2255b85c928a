import { resolve } from "node:path";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { Timeline } from "@waymark/shared/schemas/timeline.ts";
import { CliError, type Command } from "../command.ts";
import { jsonPointer } from "../json-pointer.ts";
import { loadJourneys } from "../load-journeys.ts";
import { formatProblem, type Problem } from "../problem.ts";
import { readDataFile } from "../read-data-file.ts";
import { formatSimulation } from "../simulate/format-simulation.ts";
import { DEFAULT_START, runTimeline } from "../simulate/run-timeline.ts";

export const simulateCommand: Command = {
  name: "simulate",
  help: `Usage: waymark simulate [--brief] [--json] <timeline.json|yaml> [journey files...]

Runs the shared journey engine offline (the one the Worker and the dashboard's simulator run) on a visitor
timeline, and prints at each step what the visitor sees and the decision trace: why each journey did or did not act.
Without journey files, the seed journeys (abandoned-cart, confusion-help, welcome-back) are used.

Timeline:
  {
    "visitorId": "sim-1",                        decides branch and holdout, as at the edge (default "simulated-visitor")
    "start": "2025-01-01T09:00:00Z",             default 2025-01-01T00:00:00Z (runs are reproducible)
    "request": {"device": "mobile", "country": "DE", "referrer": null, "cookies": {}, "host": "shop.example"},
    "force": {"journey": "abandoned-cart", "branch": "discount"},   optional: decide as a preview would
    "globalHoldout": 0.05,                       optional: GLOBAL_HOLDOUT, as the edge has it (default 0)
    "steps": [
      {"page": "/products/mug"},                 a page view (may override device, country, referrer, cookies)
      {"event": "add_to_cart", "data": {"id": "mug", "name": "Mug", "price": 12}},
      {"wait": "31m"},                           time passes: due "after" transitions fire, as the alarm would
      {"page": "/"}
    ]
  }

Options:
  --brief     leave out the decision trace
  --json      print {"ok", "visitorId", "start", "steps": [{"index","kind","what","at","changes","shows",
              "redirect","trace","standing"}]}
  -h, --help  this help`,
  options: { brief: { type: "boolean" } },
  async run(ctx) {
    const [timelineFile, ...journeyFiles] = ctx.positionals;
    if (!timelineFile)
      throw new CliError("give a timeline file, e.g. waymark simulate timeline.json journeys/*.json", 2);
    const problems: Problem[] = [];
    const data = await readDataFile(timelineFile, resolve(ctx.cwd, timelineFile));
    const timeline = data.ok ? Timeline.safeParse(data.value) : null;
    if (!data.ok) problems.push(data.problem);
    else if (timeline && !timeline.success)
      for (const i of timeline.error.issues)
        problems.push({ file: timelineFile, pointer: jsonPointer(i.path), message: i.message });
    const loaded = journeyFiles.length ? await loadJourneys(journeyFiles, ctx.cwd) : null;
    problems.push(...(loaded?.problems ?? []));
    if (problems.length || !timeline?.success) {
      if (ctx.json) ctx.io.out(JSON.stringify({ ok: false, error: "invalid input files", problems }, null, 2));
      else for (const p of problems) ctx.io.err(formatProblem(p));
      return 1;
    }
    const journeys = loaded ? loaded.journeys.map((j) => j.journey) : SEED_JOURNEYS.map((j) => Journey.parse(j));
    const t = timeline.data;
    const start = t.start === undefined ? DEFAULT_START : new Date(t.start).getTime();
    const steps = runTimeline(t, journeys, loaded?.audiences.map((a) => a.audience) ?? []);
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify(
          {
            ok: true,
            visitorId: t.visitorId,
            start: new Date(start).toISOString(),
            journeys: journeys.map((j) => j.id),
            steps,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const names = journeys.map((j) => j.id).join(", ");
    ctx.io.out(
      `Visitor "${t.visitorId}" from ${new Date(start).toISOString()}, journeys: ${names}${loaded ? "" : " (seed)"}`,
    );
    for (const line of formatSimulation(steps, start, { trace: !ctx.values.brief })) ctx.io.out(line);
    return 0;
  },
};
