import { Duration, compileRuleset, parseDuration, type Journey, type Ruleset } from "@waymark/shared";
import { useMemo, useState } from "preact/hooks";
import { SelectField } from "../components/select-field.tsx";
import { SimFrameView } from "../components/sim-frame-view.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { TextField } from "../components/text-field.tsx";
import { TimelineEditor } from "../components/timeline-editor.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { simulate } from "../lib/simulate.ts";
import { sampleTimeline } from "../lib/timeline.ts";
import { timeline } from "../state.ts";

/**
 * A visitor timeline run through the shared engine, here in the browser: what the visitor sees at each step
 * and a while after the last one, with the decision trace. Drafts or the live version.
 */
export function SimulatorPage() {
  const [source, setSource] = useState<"drafts" | "live">("drafts");
  const [visitorId, setVisitorId] = useState("sim-visitor-1");
  const [lookahead, setLookahead] = useState("30m");
  const rules = useResource(async (c): Promise<Ruleset> => {
    if (source === "drafts") {
      const [{ journeys }, { audiences }] = await Promise.all([c.listJourneys(), c.listAudiences()]);
      return {
        version: 0,
        publishedAt: Date.now(),
        journeys: journeys.map((r): Journey => (r.status === "paused" ? { ...r.journey, paused: true } : r.journey)),
        // The drafts of saved audiences, as a publish would take them with the journeys.
        audiences: audiences.map((r) => r.audience),
      };
    }
    const { live } = await c.listVersions();
    return live ? c.getVersion(live) : { version: 0, publishedAt: Date.now(), journeys: [], audiences: [] };
  }, source);
  const compiled = useMemo(() => (rules.data ? compileRuleset(rules.data) : null), [rules.data]);
  const lookaheadOk = Duration.safeParse(lookahead);
  // The simulation's clock starts when the page opens, so re-running on each edit gives the same times.
  const [start] = useState(() => Date.now());
  const result = useMemo(() => {
    if (!compiled || !lookaheadOk.success || !visitorId.trim()) return null;
    return simulate(compiled, timeline.value, {
      visitorId: visitorId.trim(),
      start,
      host: location.host,
      lookaheadMs: parseDuration(lookahead),
    });
  }, [compiled, timeline.value, visitorId, lookahead, start]);

  return (
    <div class="page simulator">
      <header class="page-head">
        <h1>Simulator</h1>
        <p class="hint">The shared journey engine runs here in your browser; nothing is stored or counted.</p>
      </header>
      <section class="card" aria-labelledby="sim-setup">
        <h2 id="sim-setup">Visitor</h2>
        <div class="grid">
          <SelectField
            id="sim-source"
            label="Journeys"
            value={source}
            options={[
              { value: "drafts", label: "Drafts (what Publish would make live)" },
              { value: "live", label: "Live version" },
            ]}
            onChange={(v) => setSource(v as "drafts" | "live")}
          />
          <TextField
            id="sim-visitor"
            label="Visitor id"
            value={visitorId}
            hint="decides the branch (sticky hash)"
            onInput={setVisitorId}
          />
          <TextField
            id="sim-lookahead"
            label="Then look ahead"
            value={lookahead}
            errors={lookaheadOk.success ? undefined : [lookaheadOk.error.issues[0]?.message ?? "invalid"]}
            onInput={setLookahead}
          />
        </div>
        <h3>Timeline</h3>
        <TimelineEditor steps={timeline.value} onChange={(s) => (timeline.value = s)} />
        <button type="button" class="btn ghost small" onClick={() => (timeline.value = sampleTimeline())}>
          Reset to the sample timeline
        </button>
      </section>
      <StatusMessage loading={rules.loading && !rules.data} error={rules.error} />
      {compiled && compiled.skipped.length > 0 && (
        <p class="load-error">Left out (invalid): {compiled.skipped.map((s) => `${s.id}: ${s.message}`).join("; ")}</p>
      )}
      {result && (
        <section aria-labelledby="sim-result" class="sim-result">
          <h2 id="sim-result">What the visitor sees</h2>
          {result.frames.map((f, i) => (
            <SimFrameView key={i} frame={f} start={start} title={`${i + 1}. ${f.label}`} />
          ))}
          <SimFrameView frame={result.later} start={start} title={`In ${lookahead}, without doing anything`} />
        </section>
      )}
    </div>
  );
}
