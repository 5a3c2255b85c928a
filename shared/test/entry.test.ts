import { describe, it } from "vitest";
import entry from "./cases/entry.json";
import { rows } from "./support/cases.ts";
import { runScenario, type Scenario } from "./support/run-scenario.ts";

// Issue 16: who enters a journey (schedule, traffic share, exclusion group, global holdout) and what the trace says.
describe("entry: schedule, traffic, groups, global holdout", () => {
  it.each(rows<Scenario, Record<string, unknown>[]>(entry))("$name", ({ input, expected }) =>
    runScenario(input, expected),
  );
});
