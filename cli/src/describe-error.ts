import { WaymarkApiError } from "@waymark/shared/client/api-error.ts";
import { CliError } from "./command.ts";
import { jsonPointer, showPointer } from "./json-pointer.ts";

export interface DescribedError {
  message: string;
  exitCode: number;
  issues?: { pointer: string; message: string }[];
}

/** Any failure as something a person (or, with --json, a script) can act on; stacks only for real bugs. */
export function describeError(err: unknown): DescribedError {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof WaymarkApiError) {
    const hint = err.status === 401 ? " (check WAYMARK_TOKEN: it must be one of the Worker's ADMIN_TOKEN values)" : "";
    return {
      message: `the API answered ${err.status}: ${err.body.error}${hint}`,
      exitCode: 1,
      issues: err.issues.map((i) => ({ pointer: jsonPointer(i.path), message: i.message })),
    };
  }
  return { message: err instanceof Error ? (err.stack ?? err.message) : String(err), exitCode: 1 };
}

export function formatDescribedError(e: DescribedError): string {
  const lines = [`waymark: ${e.message}`];
  for (const i of e.issues ?? []) lines.push(`  ${showPointer(i.pointer)}: ${i.message}`);
  return lines.join("\n");
}
