import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { browser } from "wxt/browser";
import { originPattern, siteOrigin } from "../lib/site-origin.ts";
import { sendMessage } from "../messaging/send-message.ts";
import { sitesItem } from "../storage/items.ts";
import type { Site } from "../storage/schemas.ts";

interface SiteView extends Site {
  granted: boolean;
  check?: string;
  checkOk?: boolean;
}

/** Host access for exactly one site; must run in the click handler (the browser wants a user gesture). */
function requestAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
}

async function load(): Promise<SiteView[]> {
  const sites = await sitesItem.get();
  return Promise.all(
    sites.map(async (s) => ({
      ...s,
      granted: await browser.permissions.contains({ origins: [originPattern(s.origin)] }).catch(() => false),
    })),
  );
}

/** Options: the Waymark sites this browser works with, their admin tokens, and host access for each. */
export function OptionsApp() {
  const sites = useSignal<SiteView[]>([]);
  const url = useSignal("");
  const token = useSignal("");
  const label = useSignal("");
  const error = useSignal<string | null>(null);
  const refresh = async () => (sites.value = await load());
  useEffect(() => {
    void refresh();
    const un = sitesItem.watch(() => void refresh());
    return un;
  }, []);

  const check = async (origin: string) => {
    const patch = (p: Partial<SiteView>) =>
      (sites.value = sites.value.map((s) => (s.origin === origin ? { ...s, ...p } : s)));
    patch({ check: "checking…", checkOk: undefined });
    try {
      const r = await sendMessage("site.check", { origin });
      patch({
        check: r.healthy
          ? `Connected: Waymark answers, token accepted, ${r.journeys} journeys`
          : "Token accepted, but /__waymark/health did not answer",
        checkOk: r.healthy,
      });
    } catch (err) {
      patch({ check: err instanceof Error ? err.message : String(err), checkOk: false });
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    error.value = null;
    const origin = siteOrigin(url.value);
    if (!origin) return void (error.value = "Enter the site's address, e.g. https://shop.example");
    if (token.value.trim().length < 16) return void (error.value = "The admin token is at least 16 characters");
    // Ask first, while the click still counts as a user gesture.
    const granted = await requestAccess(origin);
    const current = await sitesItem.get();
    const site: Site = {
      origin,
      token: token.value.trim(),
      ...(label.value.trim() ? { label: label.value.trim() } : {}),
    };
    await sitesItem.set([...current.filter((s) => s.origin !== origin), site]);
    url.value = token.value = label.value = "";
    await refresh();
    if (granted) await check(origin);
    else error.value = `Saved, but without access to ${origin}: use "Grant access" to allow it.`;
  };

  // A site whose token was refused (or rotated) is fixed in place: the form takes its address and label, and saving
  // with the new token replaces it.
  const edit = (s: SiteView) => {
    url.value = s.origin;
    label.value = s.label ?? "";
    token.value = "";
    error.value = null;
    const field = document.querySelector<HTMLInputElement>("input[name=token]");
    field?.scrollIntoView({ block: "center" });
    field?.focus();
  };

  const remove = async (origin: string) => {
    await sitesItem.set((await sitesItem.get()).filter((s) => s.origin !== origin));
    await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
    await refresh();
  };

  return (
    <div class="options stack">
      <h1 class="brand">Waymark QA · options</h1>
      <p class="muted">
        Add each site Waymark runs in front of, with an admin token for its API. Tokens stay in this browser's extension
        storage; web pages never see them. The extension asks for access to each site you add, and to nothing else.
      </p>
      <form class="card" onSubmit={add} data-testid="add-site">
        <h2>{sites.value.some((s) => s.origin === siteOrigin(url.value)) ? "Update a site" : "Add a site"}</h2>
        <label class="field">
          Site URL
          <input
            name="site"
            placeholder="https://shop.example"
            value={url.value}
            onInput={(e) => (url.value = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          Admin token
          <input
            name="token"
            type="password"
            autoComplete="off"
            value={token.value}
            onInput={(e) => (token.value = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          Label (optional)
          <input
            name="label"
            placeholder="Production"
            value={label.value}
            onInput={(e) => (label.value = (e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="row">
          <button class="primary" type="submit" data-testid="save-site">
            Save and grant access
          </button>
        </div>
        {error.value && <div class="banner error">{error.value}</div>}
      </form>
      <h2>Sites</h2>
      {sites.value.length === 0 && <div class="muted">No site yet.</div>}
      {sites.value.map((s) => (
        <div class="card" key={s.origin} data-testid="site" data-origin={s.origin}>
          <div class="row">
            <b class="mono">{s.origin}</b>
            {s.label && <span class="muted">{s.label}</span>}
            <span class="spacer" />
            <span class={`chip ${s.granted ? "ok" : "warn"}`} data-testid="access">
              {s.granted ? "access granted" : "no access"}
            </span>
          </div>
          <div class="row">
            {!s.granted && (
              <button
                onClick={async () => {
                  if (await requestAccess(s.origin)) {
                    await refresh();
                    await check(s.origin);
                  }
                }}
              >
                Grant access
              </button>
            )}
            <button onClick={() => void check(s.origin)} disabled={!s.granted}>
              Test connection
            </button>
            <button onClick={() => edit(s)} data-testid="edit-site">
              Edit
            </button>
            <button class="danger" onClick={() => void remove(s.origin)}>
              Remove
            </button>
          </div>
          {s.check && (
            <div class={`banner ${s.checkOk === false ? "error" : ""}`} data-testid="check">
              {s.check}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
