import type { OffersResponse } from "@waymark/shared";
import { useResource } from "../hooks/use-resource.ts";
import { StatusMessage } from "./status-message.tsx";

type Point = OffersResponse["points"][number];
const DIMS = [
  ["device", "Device"],
  ["source", "Source"],
  ["interest", "Main interest"],
] as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Next best action (issue 18): per offer decision point of the journey, what its model learned. Per offer the
 * outcomes it learned from, their conversion rate and base propensity; per segment (device, source, main interest)
 * the learned propensity. Shown only for journeys with an offer action.
 */
export function OfferModelsPanel({ journey }: { journey: string }) {
  const res = useResource((c) => c.offers(journey), `offers:${journey}`);
  const points = res.data?.points ?? [];
  if (!res.data && !res.error) return null;
  if (res.data && points.length === 0) return null;
  return (
    <section class="card offer-models" aria-labelledby="offers-title">
      <h2 id="offers-title">Next best offer: what the model learned</h2>
      <StatusMessage loading={false} error={res.error} />
      <p class="hint">
        Outcomes reach the model when an offer's attribution window closes (or at once on a conversion) and are learned
        in batches, so these figures trail the metrics above. Whether the decision point as a whole pays off is the
        metrics' comparison against the journey's holdout (above): everyone shown offers against visitors shown nothing.
      </p>
      {points.map((p) => (
        <OfferPoint key={p.key} p={p} />
      ))}
    </section>
  );
}

function OfferPoint({ p }: { p: Point }) {
  const byId = new Map(p.offers.map((o) => [o.id, o]));
  return (
    <div class="offer-point" data-offer-point={p.action}>
      <h3>
        Action <code>{p.action}</code>, objective <code>{p.objective}</code>
      </h3>
      <p class="hint">
        {p.version === 0
          ? "Nothing learned yet: every offer is explored evenly (the prior)."
          : `${p.version} batch${p.version === 1 ? "" : "es"} learned`}
        {p.pending > 0 ? `, ${p.pending} outcome${p.pending === 1 ? "" : "s"} waiting for the next batch` : ""}.
      </p>
      <table class="offer-table">
        <thead>
          <tr>
            <th scope="col">Offer</th>
            <th scope="col">Value x weight</th>
            <th scope="col">Outcomes</th>
            <th scope="col">Conversions</th>
            <th scope="col">Rate</th>
            <th scope="col">Base propensity</th>
          </tr>
        </thead>
        <tbody>
          {p.candidates.map((c) => {
            const o = byId.get(c.id);
            return (
              <tr key={c.id} data-offer={c.id}>
                <th scope="row">{c.name ?? c.id}</th>
                <td>
                  {c.value} x {c.weight}
                </td>
                <td>{o?.exposures ?? 0}</td>
                <td>{o?.conversions ?? 0}</td>
                <td>{o && o.exposures ? pct(o.conversions / o.exposures) : "–"}</td>
                <td>{o && o.exposures ? pct(o.base) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {DIMS.map(([dim, label]) => {
        const values = [
          ...new Set(p.offers.flatMap((o) => o.segments.filter((s) => s.dim === dim).map((s) => s.value))),
        ];
        if (!values.length) return null;
        return (
          <details key={dim} class="offer-segments" data-dim={dim}>
            <summary>Learned propensity by {label.toLowerCase()}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{label}</th>
                  {p.candidates.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.name ?? c.id}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {values.map((v) => (
                  <tr key={v}>
                    <th scope="row">{v}</th>
                    {p.candidates.map((c) => {
                      const s = byId.get(c.id)?.segments.find((x) => x.dim === dim && x.value === v);
                      return (
                        <td key={c.id} title={s ? `${s.conversions} of ${s.exposures} converted` : undefined}>
                          {s ? `${pct(s.propensity)} (${s.exposures})` : "–"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
    </div>
  );
}
