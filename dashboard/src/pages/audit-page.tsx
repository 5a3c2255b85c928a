import { StatusMessage } from "../components/status-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { dateTime } from "../lib/format.ts";

/** Who changed what and when (actor = the label of the token used). */
export function AuditPage() {
  const res = useResource((c) => c.audit(200), "audit");
  return (
    <div class="page">
      <header class="page-head">
        <h1>Audit log</h1>
        <button type="button" class="btn small" onClick={() => void res.reload()}>
          Refresh
        </button>
      </header>
      <StatusMessage loading={res.loading && !res.data} error={res.error} />
      {res.data && res.data.entries.length === 0 && <p class="empty card">No changes recorded yet.</p>}
      {res.data && res.data.entries.length > 0 && (
        <div class="table-wrap card">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {res.data.entries.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap">{dateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <span class="badge">{e.action}</span>
                  </td>
                  <td class="mono small">{e.target ?? ""}</td>
                  <td class="small detail">{e.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
