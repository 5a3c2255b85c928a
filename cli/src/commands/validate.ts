import { CliError, type Command } from "../command.ts";
import { loadJourneys } from "../load-journeys.ts";
import { formatProblem } from "../problem.ts";

export const validateCommand: Command = {
  name: "validate",
  help: `Usage: waymark validate [--json] <files...>

Checks journey files with the same zod schemas the Worker uses. A file holds one journey, a list of journeys,
or {"journeys": [...]}; .yaml/.yml files are read as YAML, anything else as JSON. Journey ids must be unique.
Saved audiences are checked too: {"audiences": [...]} in a file, or a file holding one audience (what
"waymark pull" writes as <id>.audience.json); they must not use each other in a circle.

Each problem is printed as  file: /json/pointer: message
Exit code: 0 when every file is valid, 1 on any problem, 2 on a usage error.

Options:
  --json      print {"ok", "journeys": [{"file","pointer","id"}], "audiences": [...], "problems": [{"file","pointer","message"}]}
  -h, --help  this help`,
  options: {},
  async run({ positionals, json, io, cwd }) {
    if (!positionals.length)
      throw new CliError('give at least one journey file, e.g. "waymark validate journeys/*.json"', 2);
    const { journeys, audiences, problems } = await loadJourneys(positionals, cwd);
    if (json) {
      const list = journeys.map((j) => ({ file: j.file, pointer: j.pointer, id: j.journey.id }));
      const auds = audiences.map((a) => ({ file: a.file, pointer: a.pointer, id: a.audience.id }));
      io.out(JSON.stringify({ ok: problems.length === 0, journeys: list, audiences: auds, problems }, null, 2));
    } else {
      for (const p of problems) io.err(formatProblem(p));
      const files = new Set(positionals).size;
      if (problems.length)
        io.err(`✘ ${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} of ${files} file(s)`);
      else
        io.out(
          `✔ ${journeys.length} journey(s)${audiences.length ? ` and ${audiences.length} audience(s)` : ""} in ${files} file(s) valid`,
        );
    }
    return problems.length ? 1 : 0;
  },
};
