// One visit, three hosts: every sequence of shared/test/cases/sequences.json runs through the visitor's Durable
// Object (its RPC, in workerd), the dashboard's simulator module and `waymark simulate`'s timeline runner, and all
// three must agree step by step on what the visitor is shown, where they stand and how often they were exposed.
// A simulator that disagrees with the edge is worse than none.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  compileRuleset,
  type Journey,
  type RequestContext,
  type VisitorEvent,
  type VisitorState,
} from "@waymark/shared";
import sequences from "../../shared/test/cases/sequences.json";
import { journeyFrom, offsetMs } from "../../shared/test/support/fixtures.ts";
import { simulate } from "../../dashboard/src/lib/simulate.ts";
import type { TimelineStep as DashboardStep } from "../../dashboard/src/lib/timeline.ts";
import { runTimeline } from "../../cli/src/simulate/run-timeline.ts";
import type { TimelineStep as CliStep } from "@waymark/shared/schemas/timeline.ts";
import type { RulesStore, VisitorJourney } from "../src/index.ts";
import { untilLive } from "./support/until-live.ts";

const HOST = "shop.example";

/** A host-neutral step: what a visitor does. Engine-detail steps (decide, expose) have no host equivalent. */
type Step = { kind: "page"; path: string } | { kind: "events"; events: VisitorEvent[] } | { kind: "wait"; ms: number };

/** What one step leaves behind, as every host can report it. */
interface Observed {
  step: string;
  shows: string[] | null;
  stages: Record<string, string>;
  exposures: Record<string, number>;
  /** Per journey, the visitor's metric values that are not 0 (issue 14). */
  metrics: Record<string, Record<string, number>>;
}

interface Sequence {
  name: string;
  input: { journeys: unknown[]; visitor?: string; state?: unknown; steps: SequenceStep[] };
}
interface SequenceStep {
  at?: string | number;
  do: string;
  event?: VisitorEvent;
  events?: VisitorEvent[];
  ctx?: { path?: string };
}

/** Sequence steps -> host steps, with the time between them as waits (the hosts' clocks move only by waiting). */
function hostSteps(seq: Sequence): Step[] {
  const out: Step[] = [];
  let t = 0;
  for (const s of seq.input.steps) {
    const at = offsetMs(s.at);
    if (at > t) out.push({ kind: "wait", ms: at - t });
    t = Math.max(t, at);
    if (s.do === "page") out.push({ kind: "page", path: s.ctx?.path ?? "/" });
    else if (s.do === "event" || s.do === "events") {
      // A client-given time cannot be expressed by every host: the event happens at the step's time.
      const events = (s.events ?? [s.event!]).map(({ at: _at, ...e }) => e as VisitorEvent);
      out.push({ kind: "events", events });
    }
  }
  return out;
}

const label = (s: Step) =>
  s.kind === "page" ? `page ${s.path}` : s.kind === "wait" ? `wait ${s.ms}ms` : `events ${s.events.map((e) => e.type)}`;

function standing(state: VisitorState | null): Pick<Observed, "stages" | "exposures" | "metrics"> {
  const stages: Record<string, string> = {};
  const exposures: Record<string, number> = {};
  const metrics: Record<string, Record<string, number>> = {};
  for (const [id, js] of Object.entries(state?.journeys ?? {})) {
    stages[id] = js.stage;
    exposures[id] = js.exposures;
    metrics[id] = { ...js.enrolment?.values };
  }
  return { stages, exposures, metrics };
}

function ctxFor(path: string): RequestContext {
  return { path, query: {}, referrer: null, device: "desktop", country: null, cookies: {}, host: HOST };
}

const rulesStore = () => (env.RULES as DurableObjectNamespace<RulesStore>).getByName("rules");
const visitorObject = (id: string) => (env.VISITOR as DurableObjectNamespace<VisitorJourney>).getByName(id);

/** Publishes exactly these journeys (drafts of earlier sequences removed) and returns the stored version. */
async function publishOnly(journeys: unknown[]): Promise<{ version: number; stored: Journey[] }> {
  const store = rulesStore();
  for (const j of (await store.listJourneys()).journeys) await store.deleteJourney(j.id, "conformance");
  for (const j of journeys) {
    const put = await store.putJourney(j, "conformance");
    if (!put.ok) throw new Error(`journey rejected: ${JSON.stringify(put)}`);
  }
  const pub = await store.publish("conformance", "conformance");
  if (!pub.ok) throw new Error(`publish failed: ${JSON.stringify(pub)}`);
  const got = await store.getVersion(pub.value.version);
  if (!got.ok) throw new Error("published version not readable");
  // Time passing (the alarm, advance-time) runs with the live rules, which each isolate caches for a few seconds.
  await untilLive(pub.value.version);
  return { version: pub.value.version, stored: got.value.journeys };
}

async function throughVisitorObject(visitorId: string, version: number, steps: Step[]): Promise<Observed[]> {
  const stub = visitorObject(visitorId);
  let ctx = ctxFor("/");
  const out: Observed[] = [];
  for (const s of steps) {
    let shows: string[] | null = null;
    if (s.kind === "page") {
      ctx = ctxFor(s.path);
      const d = await stub.onPage({ visitorId, version, ctx });
      shows = d.actions.map((a) => `${a.journey}/${a.actionId}`);
    } else if (s.kind === "events") {
      // "server": the simulators trust every event as the backend's (the object's own default was the same).
      const r = await stub.onEvents({
        visitorId,
        version,
        ctx,
        events: s.events,
        ratePerMinute: 1_000_000,
        source: "server",
      });
      if (!r.ok) throw new Error("rate limited");
      shows = r.actions.map((a) => `${a.journey}/${a.actionId}`);
    } else await stub.advanceTime({ visitorId, byMs: s.ms });
    out.push({ step: label(s), shows, ...standing(await stub.peek()) });
  }
  return out;
}

function throughDashboard(visitorId: string, stored: Journey[], steps: Step[], start: number): Observed[] {
  const rules = compileRuleset({ version: 1, journeys: stored });
  const timeline: DashboardStep[] = steps.map((s) =>
    s.kind === "page"
      ? { kind: "page", path: s.path, device: "desktop", country: "", referrer: "" }
      : s.kind === "wait"
        ? { kind: "wait", duration: `${s.ms}ms` }
        : {
            kind: "event",
            type: s.events[0].type,
            data: s.events[0].data === undefined ? "" : JSON.stringify(s.events[0].data),
          },
  );
  const { frames } = simulate(rules, timeline, { visitorId, start, host: HOST, lookaheadMs: 0 });
  expect(frames.map((f) => f.error ?? null)).toEqual(frames.map(() => null));
  return frames.map((f, i) => ({
    step: label(steps[i]),
    shows: f.seen === "if-loaded" ? null : (f.decision?.actions ?? []).map((a) => `${a.journey}/${a.actionId}`),
    stages: Object.fromEntries(f.journeys.map((j) => [j.journey, j.stage])),
    exposures: Object.fromEntries(f.journeys.map((j) => [j.journey, j.exposures])),
    metrics: Object.fromEntries(f.journeys.map((j) => [j.journey, j.metrics])),
  }));
}

function throughCli(visitorId: string, stored: Journey[], steps: Step[], start: number): Observed[] {
  const timeline: CliStep[] = steps.map((s) =>
    s.kind === "page"
      ? { page: s.path }
      : s.kind === "wait"
        ? { wait: `${s.ms}ms` }
        : { event: s.events[0].type, ...(s.events[0].data ? { data: s.events[0].data } : {}) },
  );
  const simulated = runTimeline({ visitorId, start, request: { host: HOST }, steps: timeline }, stored);
  return simulated.map((r, i) => ({
    step: label(steps[i]),
    shows: r.kind === "wait" ? null : r.shows.map((a) => `${a.journey}/${a.actionId}`),
    stages: Object.fromEntries(r.standing.map((j) => [j.journey, j.stage])),
    exposures: Object.fromEntries(r.standing.map((j) => [j.journey, j.exposures])),
    metrics: Object.fromEntries(r.standing.map((j) => [j.journey, j.metrics])),
  }));
}

/** The simulators take one event per step: a batch is split for them, and the edge gets the same steps. */
function oneEventPerStep(steps: Step[]): Step[] {
  return steps.flatMap((s) =>
    s.kind === "events" ? s.events.map((e) => ({ kind: "events", events: [e] }) as Step) : [s],
  );
}

// Sequences that start from a hand-made state test the engine's repair of stored states, not a visit: no host can
// be given such a state, so they stay in the engine's own case tables.
const all = sequences as Sequence[];
const runnable = all.filter((s) => s.input.state === undefined);

describe("one visit, three hosts (visitor object, dashboard simulator, waymark simulate)", () => {
  it("covers the sequences table", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(all.length - 2);
  });

  runnable.forEach((seq, n) => {
    it(seq.name, async () => {
      const { version, stored } = await publishOnly(seq.input.journeys.map(journeyFrom));
      // Branches and holdouts hash the visitor id: every host sees the same one (one object per sequence).
      const visitorId = `${seq.input.visitor ?? "v0"}-conformance-${n}`;
      const steps = oneEventPerStep(hostSteps(seq));
      const start = Date.now();
      const edge = await throughVisitorObject(visitorId, version, steps);
      const dashboard = throughDashboard(visitorId, stored, steps, start);
      const cli = throughCli(visitorId, stored, steps, start);
      expect(dashboard, "dashboard simulator = visitor object").toEqual(edge);
      expect(cli, "waymark simulate = visitor object").toEqual(edge);
    });
  });

  it("the reported repro: page, rage_click, rage_click shows the help nudge once, in every host", async () => {
    const seq = all.find((s) => s.name.startsWith("a nudge shows once"))!;
    const { version, stored } = await publishOnly(seq.input.journeys.map(journeyFrom));
    const steps: Step[] = [
      { kind: "page", path: "/" },
      { kind: "events", events: [{ type: "rage_click" }] },
      { kind: "events", events: [{ type: "rage_click" }] },
    ];
    const start = Date.now();
    const hosts = {
      edge: await throughVisitorObject("repro-visitor", version, steps),
      dashboard: throughDashboard("repro-visitor", stored, steps, start),
      cli: throughCli("repro-visitor", stored, steps, start),
    };
    for (const [host, observed] of Object.entries(hosts)) {
      expect(
        observed.map((o) => o.shows),
        host,
      ).toEqual([[], ["confusion-help/help-nudge"], []]);
      expect(observed[2].exposures, host).toEqual({ "confusion-help": 1 });
    }
  });
});
