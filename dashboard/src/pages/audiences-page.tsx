import { useEffect } from "preact/hooks";
import { can } from "../access.ts";
import { StatusMessage } from "../components/status-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { dateTime } from "../lib/format.ts";
import { savedAudiences } from "../lib/saved-audiences.ts";
import { href, journeyHref } from "../paths.ts";

export const audienceHref = (id: string) => href(`audiences/${encodeURIComponent(id)}`);

/** Saved audiences: named condition sets any journey can use, with where each is used. */
export function AudiencesPage() {
  const res = useResource((c) => c.listAudiences(), "audiences");
  // Pickers in the journey editor read the same list.
  useEffect(() => {
    if (res.data) savedAudiences.value = res.data.audiences;
  }, [res.data]);
  const list = res.data?.audiences ?? [];
  return (
    <div class="page">
      <header class="page-head">
        <h1>Audiences</h1>
        <div class="page-actions">
          {can("edit") && (
            <a class="btn primary" href={href("audiences/new")}>
              New audience
            </a>
          )}
        </div>
      </header>
      <p class="hint">
        A saved audience is a set of conditions with a name (for example "Newsletter readers"). Journeys use it with the
        condition "Saved audience"; change it here and every journey using it follows at the next publish.
      </p>
      <StatusMessage loading={res.loading && !res.data} error={res.error} />
      {res.data && list.length === 0 && <p class="empty card">No saved audiences yet.</p>}
      {list.length > 0 && (
        <div class="table-wrap card">
          <table class="audiences">
            <caption class="visually-hidden">Saved audiences</caption>
            <thead>
              <tr>
                <th scope="col">Audience</th>
                <th scope="col">Status</th>
                <th scope="col">Used by</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-audience={r.id}>
                  <th scope="row">
                    <a href={audienceHref(r.id)}>{r.audience.name}</a> <span class="muted mono small">{r.id}</span>
                    {r.audience.description && <div class="small muted">{r.audience.description}</div>}
                  </th>
                  <td>
                    <span class="badge">
                      {!r.published ? "Not published yet" : r.dirty ? "Changes not published" : "Published"}
                    </span>
                  </td>
                  <td class="used-by">
                    {r.usedBy.journeys.length + r.usedBy.audiences.length === 0 ? (
                      <span class="muted">Not used</span>
                    ) : (
                      <ul class="plain">
                        {r.usedBy.journeys.map((j) => (
                          <li key={j}>
                            Journey <a href={journeyHref(j)}>{j}</a>
                          </li>
                        ))}
                        {r.usedBy.audiences.map((a) => (
                          <li key={a}>
                            Audience <a href={audienceHref(a)}>{a}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td class="nowrap small">
                    {dateTime(r.updatedAt)} <span class="muted">by {r.updatedBy}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
