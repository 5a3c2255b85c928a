import type { BranchQa } from "../lib/results-model.ts";
import { dateTime } from "../lib/format.ts";

/** A branch's QA state from the extension: passed / failing / not checked, with the stage verdicts. */
export function QaCell({ qa }: { qa: BranchQa }) {
  if (qa.status === "none") return <span class="muted">not checked</span>;
  const title = qa.stages
    .map((s) => `${s.stage}: ${s.status} by ${s.by} ${dateTime(s.at)}${s.note ? ` – ${s.note}` : ""}`)
    .join("\n");
  const failing = qa.stages.filter((s) => s.status === "fail").map((s) => s.stage);
  return (
    <span class={`badge qa-${qa.status}`} title={title}>
      {qa.status === "pass"
        ? `passed (${qa.stages.length} stage${qa.stages.length > 1 ? "s" : ""})`
        : `failing: ${failing.join(", ")}`}
    </span>
  );
}
