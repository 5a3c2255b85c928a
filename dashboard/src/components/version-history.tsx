import type { DiffResponse, VersionList } from "@waymark/shared";
import { can } from "../access.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { call, errorText } from "../api.ts";
import { dateTime } from "../lib/format.ts";
import { rolledBackText } from "../lib/publish-copy.ts";
import { say } from "../state.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { DiffView } from "./diff-view.tsx";

/** Published versions, newest first: compare any with the live one, roll back to it in one click. */
export function VersionHistory({ list, onChanged }: { list: VersionList; onChanged: () => void }) {
  const [compare, setCompare] = useState<{ version: number; diff: DiffResponse } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compareRef = useRef<HTMLElement>(null);
  // The comparison opens below the table, often out of sight: bring it into view and move focus there, so
  // screen-reader users hear its heading (each click gives a new comparison object, so a second click scrolls too).
  useEffect(() => {
    const el = compareRef.current;
    if (!compare || !el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "start" });
  }, [compare]);
  const versions = [...list.versions].sort((a, b) => b.version - a.version);
  const showCompare = async (version: number) => {
    setError(null);
    try {
      setCompare({ version, diff: await call((c) => c.diff(list.live, version)) });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const rollback = async (version: number) => {
    try {
      const r = await call((c) => c.rollback(version));
      say("success", rolledBackText(version, r.version));
      setCompare(null);
      onChanged();
    } catch (err) {
      say("error", `Rollback failed: ${errorText(err)}`);
    }
  };
  if (!versions.length) return <p class="empty">Nothing published yet.</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">Journeys</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version} class={v.version === list.live ? "live" : undefined}>
                <th scope="row">
                  v{v.version} {v.version === list.live && <span class="badge status-published">live</span>}
                  {v.rollbackOf !== undefined && <span class="muted small"> rollback to v{v.rollbackOf}</span>}
                </th>
                <td class="nowrap">
                  {dateTime(v.publishedAt)}
                  <span class="muted small block">by {v.publishedBy}</span>
                </td>
                <td>
                  {v.journeys.length ? (
                    v.journeys.map((j) => (
                      <span key={j} class="mini-chip">
                        {j}
                      </span>
                    ))
                  ) : (
                    <span class="muted">none</span>
                  )}
                </td>
                <td class="small">{v.note ?? ""}</td>
                <td class="row-actions">
                  {v.version !== list.live && (
                    <>
                      <button type="button" class="btn small ghost" onClick={() => showCompare(v.version)}>
                        Compare with live
                      </button>
                      {can("rollback") && (
                        <ConfirmButton
                          label={`Roll back to v${v.version}`}
                          title={`Roll back to version ${v.version}?`}
                          message={
                            <p>
                              Version {v.version}'s journeys become live for every visitor at once, as a new version,
                              and the drafts are reset to match it.
                            </p>
                          }
                          confirmLabel={`Roll back to v${v.version}`}
                          danger
                          onConfirm={() => rollback(v.version)}
                        />
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p class="load-error" role="alert">
          {error}
        </p>
      )}
      {compare && (
        <section class="compare" aria-labelledby="compare-title" ref={compareRef} tabIndex={-1}>
          <h3 id="compare-title">
            Rolling back to v{compare.version} would change (live v{list.live} → v{compare.version})
          </h3>
          <DiffView diff={compare.diff} empty={`Version ${compare.version} has the same journeys as the live one.`} />
        </section>
      )}
    </>
  );
}
