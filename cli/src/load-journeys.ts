import { resolve } from "node:path";
import { AuthoredJourney } from "@waymark/shared/authoring/authored-journey.ts";
import { audienceGraphIssues } from "@waymark/shared/engine/audience-refs.ts";
import { Audience } from "@waymark/shared/schemas/audience.ts";
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

/** A saved audience read from a file ({"audiences": [...]}, or a file holding one audience: conditions, no stages). */
export interface LoadedAudience {
  file: string;
  pointer: string;
  audience: Audience;
}

export interface LoadResult {
  journeys: LoadedJourney[];
  audiences: LoadedAudience[];
  problems: Problem[];
}

/**
 * Journeys from JSON/YAML files holding one journey, a list of them, or {"journeys": [...]}, each checked with the
 * same zod schema as the Worker. Problems carry the file and a JSON pointer into it; ids must be unique across files.
 * Saved audiences come along: {"audiences": [...]} (beside "journeys" or alone), or a file holding one audience
 * (`waymark pull` writes them as <id>.audience.json); they must not use each other in a circle.
 */
export async function loadJourneys(files: string[], cwd: string): Promise<LoadResult> {
  const journeys: LoadedJourney[] = [];
  const audiences: LoadedAudience[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const data = await readDataFile(file, resolve(cwd, file));
    if (!data.ok) {
      problems.push(data.problem);
      continue;
    }
    for (const { pointer, value } of audienceEntriesOf(data.value)) {
      const parsed = Audience.safeParse(value);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          problems.push({ file, pointer: jsonPointer(issue.path, pointer), message: issue.message });
      else audiences.push({ file, pointer, audience: parsed.data });
    }
    if (isAudienceFile(data.value)) continue;
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
  const seenAudiences = new Map<string, LoadedAudience>();
  for (const a of audiences) {
    const first = seenAudiences.get(a.audience.id);
    if (first)
      problems.push({
        file: a.file,
        pointer: a.pointer + "/id",
        message: `duplicate audience id "${a.audience.id}" (also in ${first.file})`,
      });
    else seenAudiences.set(a.audience.id, a);
  }
  const uniqueAudiences = audiences.filter((a) => seenAudiences.get(a.audience.id) === a);
  for (const i of audienceGraphIssues(uniqueAudiences.map((a) => a.audience))) {
    const at = seenAudiences.get(i.audience!)!;
    problems.push({ file: at.file, pointer: jsonPointer(i.path, at.pointer), message: i.message });
  }
  return { journeys: journeys.filter((j) => seen.get(j.journey.id) === j), audiences: uniqueAudiences, problems };
}

/** A file holding one saved audience: an object with conditions and a name, and no stages. */
function isAudienceFile(value: unknown): boolean {
  return !!value && typeof value === "object" && !Array.isArray(value) && "conditions" in value && !("stages" in value);
}

/** The audiences a file holds: its "audiences" list, or the file itself when it is one audience. */
function audienceEntriesOf(value: unknown): { pointer: string; value: unknown }[] {
  if (isAudienceFile(value)) return [{ pointer: "", value }];
  if (value && typeof value === "object" && !Array.isArray(value) && "audiences" in value && !("stages" in value)) {
    const list = (value as { audiences: unknown }).audiences;
    return Array.isArray(list)
      ? list.map((v, i) => ({ pointer: `/audiences/${i}`, value: v }))
      : [{ pointer: "/audiences", value: list }];
  }
  return [];
}

/** The journeys a file holds, or null when it has a "journeys" key that is not a list. */
function entriesOf(value: unknown): { pointer: string; value: unknown }[] | null {
  if (Array.isArray(value)) return value.map((v, i) => ({ pointer: `/${i}`, value: v }));
  if (value && typeof value === "object" && "journeys" in value && !("stages" in value)) {
    const list = (value as { journeys: unknown }).journeys;
    return Array.isArray(list) ? list.map((v, i) => ({ pointer: `/journeys/${i}`, value: v })) : null;
  }
  // A file of audiences only.
  if (value && typeof value === "object" && !Array.isArray(value) && "audiences" in value && !("stages" in value))
    return [];
  return [{ pointer: "", value }];
}
