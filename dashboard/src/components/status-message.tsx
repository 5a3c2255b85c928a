/** Loading and error lines for a page's data (an error is an alert so it is announced). */
export function StatusMessage({ loading, error }: { loading: boolean; error: string | null }) {
  if (error)
    return (
      <p class="load-error" role="alert">
        {error}
      </p>
    );
  if (loading) return <p class="loading">Loading…</p>;
  return null;
}
