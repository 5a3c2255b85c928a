import type { Command, CommandContext, Io } from "./command.ts";
import { describeError, formatDescribedError } from "./describe-error.ts";
import { parseCommandArgs } from "./parse-command-args.ts";

/** Commands load lazily: `validate` must not pay for (or depend on) the engine that `simulate` needs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: "check journey files (JSON or YAML) against the schema",
    load: async () => (await import("./commands/validate.ts")).validateCommand,
  },
  diff: {
    summary: "compare journey files with the drafts on a Waymark",
    load: async () => (await import("./commands/diff.ts")).diffCommand,
  },
  push: {
    summary: "upload journey files as drafts (idempotent), optionally publish",
    load: async () => (await import("./commands/push.ts")).pushCommand,
  },
  pull: {
    summary: "download journeys, one <id>.json file each",
    load: async () => (await import("./commands/pull.ts")).pullCommand,
  },
  simulate: {
    summary: "run the journey engine offline on a visitor timeline",
    load: async () => (await import("./commands/simulate.ts")).simulateCommand,
  },
  "preview-link": {
    summary: "print a signed, shareable preview link for a journey branch",
    load: async () => (await import("./commands/preview-link.ts")).previewLinkCommand,
  },
};

export const USAGE = `Usage: waymark <command> [options]

Journeys as code for Waymark: validate, diff, push and pull journey files, simulate a visitor, share previews.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
  .join("\n")}

Every command takes --help, and --json for output meant for scripts.
Commands that talk to a Waymark use --url (default $WAYMARK_URL or http://127.0.0.1:8787) and $WAYMARK_TOKEN.`;

const processIo: Io = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

/** Runs one command line; resolves to the exit code (0 ok, 1 failure or problems found, 2 usage error). */
export async function main(
  argv: string[],
  io: Io = processIo,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === "help") return main(rest.length ? [rest[0], "--help"] : ["--help"], io, env, cwd);
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.err(`waymark: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const json = rest.includes("--json");
  try {
    const command = await entry.load();
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      io.out(command.help);
      return 0;
    }
    const ctx: CommandContext = { positionals, values, json, io, env, cwd };
    return await command.run(ctx);
  } catch (err) {
    const described = describeError(err);
    if (json) io.out(JSON.stringify({ ok: false, error: described.message, issues: described.issues }, null, 2));
    else io.err(formatDescribedError(described));
    return described.exitCode;
  }
}
