import { parseArgs } from "node:util";
import { CliError, type Command } from "./command.ts";

/** Options every command understands. */
export const COMMON_OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** argv of one command, checked against its options; unknown options are a usage error (exit 2). */
export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new CliError(`${message}\nRun "waymark ${command.name} --help" for usage.`, 2);
  }
}
