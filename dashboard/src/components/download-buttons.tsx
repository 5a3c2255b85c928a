import { useState } from "preact/hooks";
import { signOut, token } from "../state.ts";

/**
 * Download CSV / JSON of the results as the API answers them (same query as the page). A plain link cannot send
 * the admin token, which never goes in a URL: fetch with the bearer header, then save the body as a blob.
 */
export function DownloadButtons({ query, journey }: { query: string; journey: string }) {
  const [busy, setBusy] = useState<"" | "csv" | "json">("");
  const [error, setError] = useState<string | null>(null);
  const download = async (kind: "csv" | "json") => {
    setBusy(kind);
    setError(null);
    try {
      const res = await fetch(`${location.origin}/__waymark/api/${kind === "csv" ? "stats.csv" : "stats"}?${query}`, {
        headers: { authorization: `Bearer ${token.value ?? ""}` },
        // As the API client (waymark-client.ts): not queued behind an unanswered poll of the same URL.
        cache: "no-store",
      });
      if (res.status === 401) {
        signOut("The admin token was not accepted. Sign in again.");
        return;
      }
      if (!res.ok) throw new Error(`The download failed (HTTP ${res.status}).`);
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${journey}-results.${kind}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setError(err instanceof TypeError ? "The Waymark API could not be reached." : String((err as Error).message));
    } finally {
      setBusy("");
    }
  };
  return (
    <div class="downloads" role="group" aria-label="Download results">
      <button type="button" class="btn small" onClick={() => download("csv")} disabled={busy !== ""}>
        {busy === "csv" ? "Preparing…" : "Download CSV"}
      </button>
      <button type="button" class="btn small" onClick={() => download("json")} disabled={busy !== ""}>
        {busy === "json" ? "Preparing…" : "Download JSON"}
      </button>
      {error && (
        <span class="field-errors" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
