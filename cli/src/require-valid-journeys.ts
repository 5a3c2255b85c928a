import { CliError, type CommandContext } from "./command.ts";
import { loadJourneys, type LoadResult } from "./load-journeys.ts";
import { formatProblem } from "./problem.ts";

/**
 * The journeys of the command's file arguments, or null after printing every problem: diff and push never talk
 * to the server about files that would not validate.
 */
export async function requireValidJourneys(ctx: CommandContext): Promise<Omit<LoadResult, "problems"> | null> {
  if (!ctx.positionals.length) throw new CliError("give at least one journey file", 2);
  const { journeys, audiences, problems } = await loadJourneys(ctx.positionals, ctx.cwd);
  if (!problems.length) return { journeys, audiences };
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: false, error: "invalid journey files", problems }, null, 2));
  else {
    for (const p of problems) ctx.io.err(formatProblem(p));
    ctx.io.err(`✘ ${problems.length} problem(s): nothing was sent (run "waymark validate" for details)`);
  }
  return null;
}
