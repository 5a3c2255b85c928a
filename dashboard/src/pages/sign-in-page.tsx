import { WaymarkClient, WaymarkApiError } from "@waymark/shared";
import { useState } from "preact/hooks";
import { NoticeBar } from "../components/notice-bar.tsx";
import { TextField } from "../components/text-field.tsx";
import { dashboardRefusal } from "../access.ts";
import { signIn } from "../state.ts";

/** The admin token, checked against the API before it is kept (sessionStorage only). */
export function SignInPage() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = value.trim();
    if (!t) return setError("Enter your token.");
    setBusy(true);
    try {
      // Who the token is decides what the dashboard shows (access.ts); an ingest token cannot use it.
      const who = await new WaymarkClient({ baseUrl: location.origin, token: t }).whoami();
      const refusal = dashboardRefusal(who);
      if (refusal) return setError(refusal);
      signIn(t, who);
    } catch (err) {
      setError(
        err instanceof WaymarkApiError && err.status === 401
          ? "That token was not accepted."
          : err instanceof WaymarkApiError
            ? err.body.error
            : "The Waymark API could not be reached.",
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <form class="card signin-card" onSubmit={submit} method="post" action="#">
        <h1>Sign in to Waymark</h1>
        <p class="hint">
          Use your Waymark token: the <code>ADMIN_TOKEN</code> secret (<code>npm start</code> prints one) or one of{" "}
          <code>ACCESS_TOKENS</code>; its role decides what you can do. It stays in this tab only.
        </p>
        <NoticeBar />
        <TextField
          id="admin-token"
          label="Token"
          type="password"
          value={value}
          autoComplete="current-password"
          errors={error ? [error] : undefined}
          onInput={(v) => {
            setValue(v);
            setError(null);
          }}
        />
        <button type="submit" class="btn primary" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
