import type { CompiledRuleset } from "@waymark/shared/engine/types.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { getRulesetVersion } from "../rules/published-ruleset.ts";
import type { EnrolTotal } from "./object/results-tables.ts";
import type { Split } from "./srm-check.ts";

/**
 * Versions whose own split the sample-ratio check loads (the ones most visitors enrolled under; the isolate keeps
 * about this many compiled versions): visitors of any other version are checked against the current definition.
 */
const MAX_VERSIONS = 8;

/**
 * The journey as defined now (the live version; else the latest version with enrolments, for a journey taken
 * offline) and the split each version with enrolments had, for the sample-ratio check.
 */
export async function journeyDefinitions(
  env: Env,
  journeyId: string,
  live: CompiledRuleset | null,
  enrolments: EnrolTotal[],
): Promise<{ definition?: Journey; splitOf: (version: number) => Split | undefined }> {
  const perVersion = new Map<number, number>();
  for (const e of enrolments) perVersion.set(e.version, (perVersion.get(e.version) ?? 0) + e.count);
  const wanted = [...perVersion]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_VERSIONS)
    .map(([v]) => v);
  const loaded = new Map<number, Journey | undefined>();
  await Promise.all(
    wanted.map(async (v) => {
      const rules = v === live?.version ? live : await getRulesetVersion(env, v).catch(() => null);
      loaded.set(v, rules?.byId.get(journeyId)?.journey);
    }),
  );
  const latest = [...loaded].filter(([, j]) => j).sort((a, b) => b[0] - a[0])[0]?.[1];
  const definition = live?.byId.get(journeyId)?.journey ?? latest;
  return { definition, splitOf: (v) => loaded.get(v) ?? definition };
}
