import type { ParseArgsConfig } from "node:util";

/** Where a command writes: injected so commands stay testable and `--json` can own stdout. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  /** True with --json: one JSON document on stdout, nothing else there. */
  json: boolean;
  io: Io;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Command {
  name: string;
  /** Full text of `waymark <name> --help`. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** An error the user can act on: printed as "waymark: <message>", never with a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1 = failure, 2 = usage error. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
