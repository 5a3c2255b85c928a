import { resolve } from "node:path";
import { AuthoredJourney } from "@waymark/shared/authoring/authored-journey.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { jsonPointer } from "./json-pointer.ts";
import type { Problem } from "./problem.ts";
import { readDataFile } from "./read-data-file.ts";

/** A journey read from a file, valid against the shared schema. */
export interface LoadedJourney {
  file: string;
  /** Where in the file it sits: "" for a file holding one journey, "/journeys/2" in a {"journeys": [...]} file. */
  pointer: string;
  /** The journey as written (what push sends). */
  input: unknown;
  /** The journey with the schema's defaults applied (what diff compares). */
  journey: Journey;
}

export interface LoadResult {
  journeys: LoadedJourney[];
  problems: Problem[];
}

/**
 * Journeys from JSON/YAML files holding one journey, a list of them, or {"journeys": [...]}, each checked with the
 * same zod schema as the Worker. Problems carry the file and a JSON pointer into it; ids must be unique across files.
 */
export async function loadJourneys(files: string[], cwd: string): Promise<LoadResult> {
  const journeys: LoadedJourney[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const data = await readDataFile(file, resolve(cwd, file));
    if (!data.ok) {
      problems.push(data.problem);
      continue;
    }
    const entries = entriesOf(data.value);
    if (!entries) {
      problems.push({ file, pointer: "/journeys", message: "must be a list of journeys" });
      continue;
    }
    for (const { pointer, value } of entries) {
      const parsed = AuthoredJourney.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({ file, pointer: jsonPointer(issue.path, pointer), message: issue.message });
        continue;
      }
      journeys.push({ file, pointer, input: value, journey: parsed.data });
    }
  }
  const seen = new Map<string, LoadedJourney>();
  for (const j of journeys) {
    const first = seen.get(j.journey.id);
    if (first)
      problems.push({
        file: j.file,
        pointer: j.pointer + "/id",
        message: `duplicate journey id "${j.journey.id}" (also in ${first.file})`,
      });
    else seen.set(j.journey.id, j);
  }
  return { journeys: journeys.filter((j) => seen.get(j.journey.id) === j), problems };
}

/** The journeys a file holds, or null when it has a "journeys" key that is not a list. */
function entriesOf(value: unknown): { pointer: string; value: unknown }[] | null {
  if (Array.isArray(value)) return value.map((v, i) => ({ pointer: `/${i}`, value: v }));
  if (value && typeof value === "object" && "journeys" in value && !("stages" in value)) {
    const list = (value as { journeys: unknown }).journeys;
    return Array.isArray(list) ? list.map((v, i) => ({ pointer: `/journeys/${i}`, value: v })) : null;
  }
  return [{ pointer: "", value }];
}
