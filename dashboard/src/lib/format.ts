/** "12.3%" for 0.123. */
export function percent(rate: number, digits = 1): string {
  return Number.isFinite(rate) ? `${(rate * 100).toFixed(digits)}%` : "–";
}

/** "+2.1 pts" for a rate difference of 0.021 (percentage points, signed). */
export function points(diff: number): string {
  const v = diff * 100;
  const s = Math.abs(v) < 0.05 ? "0.0" : v.toFixed(1);
  return `${v > 0 && s !== "0.0" ? "+" : ""}${s.replace("-", "−")} pts`;
}

/** "1,234" */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** "2026-05-01 14:03" in the viewer's time zone; absolute, so audit entries can be compared with logs. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "3 min ago", "2 h ago", "5 d ago", or the date past a month. */
export function ago(ms: number, now: number): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 30 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return dateTime(ms).slice(0, 10);
}

/** "31m", "2h 5m", "1d 3h": a span of milliseconds in the units journeys are written in. */
export function span(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.floor(ms / 1000);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n}${unit}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}
