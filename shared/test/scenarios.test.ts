import { describe, it } from "vitest";
import decideTable from "./cases/decide.json";
import sequences from "./cases/sequences.json";
import { rows } from "./support/cases.ts";
import { runScenario, type Scenario } from "./support/run-scenario.ts";

describe("applyEvent / advanceTime sequences", () => {
  it.each(rows<Scenario, Record<string, unknown>[]>(sequences))("$name", ({ input, expected }) =>
    runScenario(input, expected),
  );
});

describe("decide", () => {
  it.each(rows<Scenario, Record<string, unknown>[]>(decideTable))("$name", ({ input, expected }) =>
    runScenario(input, expected),
  );
});
