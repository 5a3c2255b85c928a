import { useEffect, useState } from "preact/hooks";
import { dashboardRefusal, loadMe } from "../access.ts";
import { errorText } from "../api.ts";
import { me, signOut } from "../state.ts";

/** A tab reopened with a stored token: what may it do? (GET /whoami; a refused token signs out with a message.) */
export function AccessCheck() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadMe()
      .then(() => {
        const refusal = me.value && dashboardRefusal(me.value);
        if (refusal) signOut(refusal);
      })
      .catch((err) => setError(errorText(err)));
  }, []);
  return (
    <main id="main" class="signin">
      <div class="card signin-card">
        {error ? (
          <>
            <p class="load-error" role="alert">
              {error}
            </p>
            <button type="button" class="btn" onClick={() => signOut()}>
              Sign out
            </button>
          </>
        ) : (
          <p class="loading">Checking your access…</p>
        )}
      </div>
    </main>
  );
}
