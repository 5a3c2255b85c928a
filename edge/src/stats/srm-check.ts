import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { StatsSrm } from "@waymark/shared/schemas/stats.ts";
import { srmTest } from "@waymark/shared/stats/srm-test.ts";
import type { EnrolTotal } from "./object/results-tables.ts";
import { groupOf, HOLDOUT } from "./stats-row.ts";

/** How a journey splits its traffic (the fields of a journey definition the check reads). */
export type Split = Pick<Journey, "branches" | "holdout" | "allocation">;

/** Below this p-value the split is called broken (the usual threshold for a sample-ratio mismatch). */
export const SRM_THRESHOLD = 0.001;
/** The chi-squared approximation needs about this many expected visitors in every group before it can be trusted. */
export const SRM_MIN_EXPECTED = 5;

/** Shares of the groups a split assigns new visitors to: the holdout share, the rest by branch weight. */
export function expectedShares(split: Split): Map<string, number> {
  const shares = new Map<string, number>();
  const total = split.branches.reduce((s, b) => s + b.weight, 0);
  for (const b of split.branches) shares.set(b.id, total > 0 ? ((1 - split.holdout) * b.weight) / total : 0);
  if (split.holdout > 0) shares.set(HOLDOUT, split.holdout);
  return shares;
}

/**
 * Sample-ratio check: observed enrolments per group against the split of the version each visitor enrolled
 * under (so a change of weights between versions is not a mismatch). `splitOf(version)` is that version's split
 * (the live one when a version cannot be loaded); undefined when the journey's definition is unknown.
 */
export function srmCheck(enrolments: EnrolTotal[], splitOf: (version: number) => Split | undefined): StatsSrm {
  const observed: Record<string, number> = {};
  const perVersion = new Map<number, number>();
  for (const e of enrolments) {
    const g = groupOf(e.branch);
    observed[g] = (observed[g] ?? 0) + e.count;
    perVersion.set(e.version, (perVersion.get(e.version) ?? 0) + e.count);
  }
  const notApplicable = (note: string): StatsSrm => ({
    pValue: null,
    ok: true,
    applicable: false,
    observed,
    expected: {},
    note,
  });
  const expectedCounts = new Map<string, number>();
  for (const [version, n] of perVersion) {
    const split = splitOf(version);
    if (!split) return notApplicable("The journey's definition is not available, so its configured split is unknown.");
    if (split.allocation === "thompson")
      return notApplicable(
        "Thompson sampling moves traffic toward the branch that converts best, so there is no fixed split to " +
          "check, and the branches' estimates are biased; the holdout still measures the journey's increment.",
      );
    for (const [g, share] of expectedShares(split)) expectedCounts.set(g, (expectedCounts.get(g) ?? 0) + n * share);
  }
  const total = [...perVersion.values()].reduce((s, n) => s + n, 0);
  for (const g of Object.keys(observed)) if (!expectedCounts.has(g)) expectedCounts.set(g, 0);
  const expected = Object.fromEntries([...expectedCounts].map(([g, c]) => [g, total ? c / total : 0]));
  const base = { applicable: true, observed, expected };
  if (!total) return { ...base, pValue: null, ok: true, note: "No visitors have entered the journey yet." };

  const stray = Object.keys(observed).filter((g) => observed[g] > 0 && expectedCounts.get(g) === 0);
  if (stray.length)
    return {
      ...base,
      pValue: 0,
      ok: false,
      note: `Visitors were counted in ${stray.join(", ")}, which the split gives no traffic.`,
    };
  const tested = [...expectedCounts].filter(([, c]) => c > 0);
  if (tested.length < 2) return { ...base, pValue: null, ok: true, note: "One group only: nothing to compare." };
  if (tested.some(([, c]) => c < SRM_MIN_EXPECTED))
    return {
      ...base,
      pValue: null,
      ok: true,
      note: `Too few visitors to check the split yet (at least ${SRM_MIN_EXPECTED} expected in every group).`,
    };
  const r = srmTest(
    tested.map(([g]) => observed[g] ?? 0),
    tested.map(([, c]) => c / total),
  );
  const ok = !(r.pValue < SRM_THRESHOLD);
  return {
    ...base,
    pValue: r.pValue,
    ok,
    chi2: r.chi2,
    ...(ok
      ? {}
      : {
          note:
            "The visitors per group do not match the configured split (p < 0.001): something assigns or counts " +
            "visitors unevenly, so no verdict is shown until it is fixed.",
        }),
  };
}
