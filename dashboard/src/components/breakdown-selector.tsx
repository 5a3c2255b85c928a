import { BREAKDOWNS, type BreakdownBy } from "../lib/results-model.ts";

/** Break the results down by one of the visitor's dimensions at enrolment (refetches with ?by=). */
export function BreakdownSelector(p: { value: BreakdownBy | ""; onChange: (v: BreakdownBy | "") => void }) {
  return (
    <div class="field inline">
      <label for="breakdown">Break down by</label>
      <select
        id="breakdown"
        value={p.value}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value as BreakdownBy | "")}
      >
        <option value="">nothing (all visitors)</option>
        {BREAKDOWNS.map((b) => (
          <option key={b.value} value={b.value}>
            {b.label}
          </option>
        ))}
      </select>
    </div>
  );
}
