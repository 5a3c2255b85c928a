export const PERIODS = [
  { id: "1d", label: "Today", days: 1 },
  { id: "7d", label: "Last 7 days", days: 7 },
  { id: "30d", label: "Last 30 days", days: 30 },
  { id: "90d", label: "Last 90 days", days: 90 },
] as const;
export type PeriodId = (typeof PERIODS)[number]["id"];

/** "YYYY-MM-DD" of a time, in UTC (the stats store's days are UTC days). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The stats query range of a period ending today (both ends inclusive). */
export function periodRange(id: PeriodId, now: number): { from: string; to: string } {
  const days = PERIODS.find((p) => p.id === id)?.days ?? 7;
  return { from: utcDay(now - (days - 1) * 86_400_000), to: utcDay(now) };
}
