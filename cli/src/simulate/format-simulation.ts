import type { AppliedAction, JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import type { SimulatedStep, StandingIn } from "./run-timeline.ts";

/** "+1h 31m" since the start of the timeline. */
export function elapsed(ms: number): string {
  if (ms > 0 && ms < 1_000) return `+${ms}ms`;
  const parts: string[] = [];
  let s = Math.floor(ms / 1_000);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s || !parts.length) parts.push(`${s}s`);
  return "+" + parts.join(" ");
}

function where(s: { stage: string | null; branch: string | null; holdout: boolean }): string {
  return `${s.stage ?? "-"}/${s.holdout ? "holdout" : (s.branch ?? "-")}`;
}

function showAction(a: AppliedAction): string {
  const act = a.action;
  const target =
    "selector" in act
      ? ` ${"position" in act ? act.position + " " : ""}${act.selector}`
      : act.type === "redirect"
        ? ` ${act.url}`
        : "";
  const body =
    "html" in act && act.html !== undefined ? act.html : "text" in act && act.text !== undefined ? act.text : "";
  const short = body.length > 160 ? body.slice(0, 159) + "…" : body;
  return `${a.journey}/${a.stage}/${a.branch} ${a.actionId}: ${act.type}${target}${short ? ` ${short}` : ""}`;
}

function traceLines(trace: JourneyTrace[]): string[] {
  const lines: string[] = [];
  for (const t of trace) {
    lines.push(`      ${t.journey} (${where(t)}, priority ${t.priority}): ${t.status}${t.forced ? " [forced]" : ""}`);
    for (const c of t.checks) lines.push(`        ${c.ok ? "✔" : "✘"} ${c.check}${c.detail ? `: ${c.detail}` : ""}`);
    for (const a of t.actions) {
      const lost = a.lostTo ? ` to ${a.lostTo.journey}/${a.lostTo.actionId}` : "";
      lines.push(`        action ${a.id} (${a.type}): ${a.status}${lost}${a.detail ? ` - ${a.detail}` : ""}`);
      for (const c of a.checks ?? [])
        lines.push(`          ${c.ok ? "✔" : "✘"} ${c.check}${c.detail ? `: ${c.detail}` : ""}`);
    }
  }
  return lines;
}

function standingLine(s: StandingIn): string {
  return `${s.journey}: ${s.stage}${s.exited ? " (exited)" : ""}, ${s.holdout ? "holdout" : `branch ${s.branch ?? "-"}`}`;
}

/** The simulation for people: per step what happened, what the visitor sees, and (unless brief) why. */
export function formatSimulation(steps: SimulatedStep[], start: number, opts: { trace: boolean }): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const label = step.label ? `  # ${step.label}` : "";
    lines.push(`[${step.index}] ${elapsed(step.at - start)}  ${step.kind} ${step.what}${label}`);
    for (const c of step.changes)
      lines.push(
        c.from === null
          ? `    ${c.journey}: enters at ${c.to} (${c.holdout ? "holdout" : `branch ${c.branch ?? "-"}`})`
          : `    ${c.journey}: ${c.from} -> ${c.to} (${c.reason})${c.exit ? ", exits" : ""}`,
      );
    if (step.kind === "wait") continue;
    if (step.redirect) lines.push(`    redirected (${step.redirect.status}) to ${step.redirect.url}`);
    if (step.shows.length) for (const a of step.shows) lines.push(`    sees ${showAction(a)}`);
    else lines.push(step.kind === "page" ? "    sees the page unpersonalized" : "    sees nothing new");
    if (opts.trace && step.trace.length) {
      lines.push("    why:");
      lines.push(...traceLines(step.trace));
    }
  }
  const last = steps.at(-1);
  if (last) {
    lines.push("Where the visitor stands:");
    for (const s of last.standing) lines.push(`    ${standingLine(s)}`);
  }
  return lines;
}
