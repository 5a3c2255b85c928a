import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { QaCell } from "../storage/schemas.ts";

/** Every stage x branch of a journey, in the journey's own order: what a QA run walks through. */
export function qaCells(journey: Pick<Journey, "stages" | "branches">): QaCell[] {
  return journey.stages.flatMap((stage) =>
    journey.branches.map((branch) => ({ stage: stage.id, branch: branch.id, state: "pending" as const, note: "" })),
  );
}

/** Key of a cell within a run. */
export function cellKey(cell: Pick<QaCell, "stage" | "branch">): string {
  return `${cell.stage}/${cell.branch}`;
}

/** Counts for the run's summary line. */
export function qaSummary(cells: QaCell[]): { total: number; pass: number; fail: number; unmarked: number } {
  const pass = cells.filter((c) => c.verdict === "pass").length;
  const fail = cells.filter((c) => c.verdict === "fail").length;
  return { total: cells.length, pass, fail, unmarked: cells.length - pass - fail };
}
