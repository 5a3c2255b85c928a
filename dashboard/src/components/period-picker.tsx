import { PERIODS, type PeriodId } from "../lib/period.ts";
import { period } from "../state.ts";

/** The stats period for counts, the map and results (kept across pages). */
export function PeriodPicker({ id = "period" }: { id?: string }) {
  return (
    <div class="field inline">
      <label for={id}>Period</label>
      <select
        id={id}
        value={period.value}
        onChange={(e) => (period.value = (e.currentTarget as HTMLSelectElement).value as PeriodId)}
      >
        {PERIODS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </div>
  );
}
