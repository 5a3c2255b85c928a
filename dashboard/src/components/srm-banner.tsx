import type { SrmView } from "../lib/results-model.ts";

/** The broken-split warning: announced at once (role=alert), with the observed and configured split. */
export function SrmBanner({ srm }: { srm: SrmView }) {
  return (
    <div class="srm-banner" role="alert" data-srm="broken">
      <p>
        <strong>Results on hold.</strong> {srm.message}
      </p>
      <details>
        <summary>Visitors per group</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" class="num">
                Visitors
              </th>
              <th scope="col" class="num">
                Share
              </th>
              <th scope="col" class="num">
                Configured
              </th>
            </tr>
          </thead>
          <tbody>
            {srm.rows.map((r) => (
              <tr key={r.group}>
                <th scope="row">{r.label}</th>
                <td class="num">{r.observed}</td>
                <td class="num">{r.observedShare}</td>
                <td class="num">{r.expectedShare}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
